<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ClassNames</name>
    <message>
        <source>T-shirt/top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportText</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MoE Lab figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixture of experts at epoch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start the SVG writer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot encode the PNG image for %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FigureText</name>
    <message>
        <source>cooperative (eq. 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>competitive (eq. 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>competitive log-likelihood (eq. 3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mixture NLL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gate %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, decreasing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, increasing downward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filled: train, hollow: test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expert, where it leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expert, elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts, gate share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert %1  %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shade: the mixture&apos;s class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shade: the gate&apos;s first choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1   train %2   test %3   loss %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dense gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top-%1 gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · N = %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This data set has %1 features; the plane view needs 2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the first model...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drawn: 1 case in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped at capacity (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stripes: the K = %1 experts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stripe width: gate weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(on the plane through the mean)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC %1 (%2 of the variance)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noisy gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tint: the gate&apos;s choice under
this frame&apos;s noise draw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lines: the gate without noise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>noise changes the first choice
of %1 of cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and the top-%1 set of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert %1: no region (never first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts %1: no region (never first)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::AppOptions</name>
    <message>
        <source>With --export-figure: instead of training, draw the box plot of epochs to criterion per system from the runs.csv of moelab-cli reproduce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train, then write the figure (.png or .svg) without opening a window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train, then save a picture of the whole window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train as fast as possible and print how many frames per second the view paints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size of the figure, or of the window, in pixels (default: 1600x1000)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG pixels per figure pixel, above 0 and at most 8 (default: 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The figure in colour or in the paper&apos;s black and white (default: color)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shade the plane by the gate&apos;s first choice or by the predicted class (default: gate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw expert N (0 to 31) bold in figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vowels: F2 across (decreasing) and F1 down, as phoneticians draw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the window (default: the system&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the version and exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print this help and exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (default: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options take a value as the next argument or after &apos;=&apos; (--lr=0.1); switches need none (--noisy-gate turns the noise on) or take one after &apos;=&apos; (--noisy-gate=off). Qt&apos;s own options (-platform offscreen, -style fusion) are passed to Qt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: moelab [options] [FILE.moelab]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MoE Lab: watch a mixture of local experts learn (Jacobs, Jordan, Nowlan &amp; Hinton 1991). Without --export-figure, --screenshot or --bench-fps it opens the window, and the session FILE.moelab when one is given (with --export-figure: draws its figure).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::BoundaryView</name>
    <message>
        <source>Loading the data...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wheel or +/-: zoom. Drag: pan. Double-click or 0: show all data.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::BoxPlot</name>
    <message>
        <source>Epochs until the training accuracy stays at the criterion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 never</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::ControlPanel</name>
    <message>
        <source>CSV: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train one epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New random weights from the seed; epoch 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs per second, from 1 to as fast as the machine goes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vowels [i] [I] [a] [A] (the paper&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peterson &amp; Barney (1952): four vowels by their formants F1 and F2, the task of Jacobs et al. (1991); split by speaker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vowels, all ten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peterson &amp; Barney (1952): all ten vowels by F1 and F2; split by speaker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two Gaussian blobs that one straight line separates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>XOR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Four quadrants, opposite quadrants in the same class: no line separates them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Circles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A disc inside a ring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two interleaved half circles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spiral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two spiral arms wound around each other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkerboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A 4 x 4 checkerboard of two classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two classes, each two elongated clusters in two regions: one line per region separates them, no single line does (the case for local experts).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer settings, auxiliary losses, precision, threads and the metrics interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same seed also generates and splits the data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not applied, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fashion-MNIST (784 pixels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xiao, Rasul &amp; Vollgraf (2017): 28 x 28 grey images of clothing in ten classes; 60000 training and 10000 test images (Cases takes the first so many training images). Shown as the routing table, and projected on its first two principal components.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::ExpertGallery</name>
    <message>
        <source>Each expert&apos;s own class regions, darker where the gate gives it less weight. Click one to highlight it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert %1
Mean gate weight: %2 %
First choice of the gate for %3 % of the training cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The experts appear here once training starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E%1  %2 %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::ExportDialog</name>
    <message>
        <source>Export figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1× (screen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2× (slides)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3× (print)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4× (poster)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG pixels per figure pixel. SVG is resolution-independent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG vector drawing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper style (black on white, like the 1991 figure)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include the expert gallery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include the metric charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose file...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::Knobs</name>
    <message>
        <source>A mixture of experts, or one backprop network of the experts&apos; hidden widths (the paper&apos;s baseline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixture of experts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts and a gate that weighs them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network (backprop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One network with the hidden widths of --hidden and no gate, as the paper&apos;s &quot;BP 6 hid&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data to learn: a built-in or generated set, or a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases of a generated dataset, or the first so many Fashion-MNIST training images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the dataset&apos;s own size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noise of a generated dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of a generated dataset and of the split of generated and CSV sets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of each class held out for testing (the vowels come split by speaker)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label column of a CSV dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the last column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of expert networks N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts each case is routed to: the K largest gate outputs are kept and renormalised; K = N is the dense gate of 1991</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dense</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert hidden layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Widths of each expert&apos;s tanh hidden layers, e.g. 16,8; 0 makes the experts linear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A softmax of a linear function of the input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MLP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A softmax of a small tanh network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gate hidden layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What training minimises: the paper&apos;s eq. 1, 2 or 3, or the mixture&apos;s negative log-likelihood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cooperative (eq. 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts add up to one answer; each learns the others&apos; residual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Competitive (eq. 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each expert gives a whole answer and the gate picks one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Competitive log-likelihood (eq. 3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As eq. 2, but each expert learns in proportion to its posterior responsibility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixture NLL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negative log-likelihood of the mixture&apos;s class probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load balancing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight of the load-balancing loss (Switch Transformer), which pushes the gate to use every expert equally</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How a gradient changes the weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain gradient descent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient descent with momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adaptive moment estimation (Kingma &amp; Ba 2015)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FTRL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the regularised leader, proximal (McMahan et al. 2013)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step size of the optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Momentum of the momentum optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adam β1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adam&apos;s decay of the mean gradient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adam β2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adam&apos;s decay of the squared gradient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adam ε</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adam&apos;s epsilon, added to the root of the squared gradient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FTRL β</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FTRL&apos;s beta, which smooths each weight&apos;s learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FTRL L1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FTRL&apos;s L1 strength, which sets small weights to exactly zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FTRL L2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FTRL&apos;s L2 strength, which shrinks every weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases per optimizer step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>full batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passes over the training data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the initial weights and the batch order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads of this training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Floating-point precision of the training arithmetic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>float (32-bit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Single precision: faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>double (64-bit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double precision: closer to exact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full metrics (accuracies, gate statistics) every so many epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change reloads the data and starts from new weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change starts from new weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change applies at the next step; the weights stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read when a run starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight of the importance loss (Shazeer et al. 2017): the squared coefficient of variation of the experts&apos; total gate weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How cases meet experts: each case picks its K experts, or each expert picks its cases of the batch (expert-choice routing, Zhou et al. 2022)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-K (each case picks experts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each case goes to the K experts with the largest gate outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert choice (each expert picks cases)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each expert takes the cases of the batch it scores highest (Zhou et al. 2022): the load is even by construction, and a case may get no expert or several</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert capacity (Switch Transformer): each expert takes at most F×K×B/N cases of a training batch of B; the rest are dropped from it (expert choice: exactly that many, 0 counting as 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared expert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A shared expert every case uses beside its routed experts (DeepSeek-MoE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gating network: a linear softmax, a small tanh network, or attention from its hidden layer to the experts&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attentive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>q(x) · k_i(x) / √h: the gate&apos;s hidden layer attends to each expert&apos;s hidden layer (Krishnamurthy et al. 2023); needs experts with hidden layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Widths of the tanh hidden layers of the MLP gate, or of the attentive gate&apos;s query network, e.g. 8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noisy gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noisy top-K gating (Shazeer et al. 2017): learned Gaussian noise on the gate&apos;s logits during training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight of the load loss (Shazeer et al. 2017): the squared coefficient of variation of the experts&apos; smooth loads, through which the gate&apos;s noise learns; acts only with the noisy gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample similarity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight of the sample-similarity loss (Krishnamurthy et al. 2023): similar cases pushed towards the same experts, dissimilar ones towards different experts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::MainWindow</name>
    <message>
        <source>MoE Lab: adaptive mixtures of local experts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Controls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export figure...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;metrics CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Gate regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tint by predicted &amp;class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Expert boundaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gate &amp;boundaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data &amp;points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phonetic orientation (F2 across, F1 down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pape&amp;r style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About MoE Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 epochs/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training diverged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot apply the change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a CSV data set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no model to draw yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moelab-figure.svg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moelab-figure.png</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figure written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figure copied to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moelab-metrics.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About MoE Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;MoE Lab&lt;/h3&gt;&lt;p&gt;Watch a mixture of experts learn: each expert&apos;s decision boundary and the gate&apos;s regions move while it trains.&lt;/p&gt;&lt;p&gt;After R. A. Jacobs, M. I. Jordan, S. J. Nowlan and G. E. Hinton, &lt;i&gt;Adaptive Mixtures of Local Experts&lt;/i&gt;, Neural Computation 3, 79-87 (1991). Vowel data: Peterson &amp;amp; Barney (1952).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routing table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projection (PCA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Play / pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Step one epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::MetricsCharts</name>
    <message>
        <source>Epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert utilisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean gate weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entropies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log2 N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>H(expert|class)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy of the mixture on the training and test cases, and (dotted) of the gate&apos;s top expert alone on the training cases. The shaded gap is what the experts only achieve together: wide under eq. 1, closed under eq. 3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::RoutingView</name>
    <message>
        <source>All classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>H(expert | class) = %1 bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>H(class | expert) = %1 bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I(expert; class) = %1 bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead experts: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead experts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped cases: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load-balancing loss: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The routing table appears after the first evaluation of the training cases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the data...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class \ expert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Below each expert: the training images its gate weight is highest for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → expert %2: %3 of %4 training cases (%5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert %1, strongest case %2: training image %3, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many bits the expert still leaves open once the class is known: 0 when each class goes to a single expert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many bits the class still leaves open once the expert is known: 0 when each expert sees a single class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What knowing the expert tells about the class, in bits: high when the experts specialise in classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts whose mean gate weight is below 1%: the gate no longer uses them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training cases an expert at its capacity turned away.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N times the sum over experts of (share of cases routed to it) x (its mean gate weight): 1 when the load is even.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each row: where the gate&apos;s first choice sends that class&apos;s training cases, in percent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::SessionController</name>
    <message>
        <source>Cannot save the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open session...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save session &amp;as...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MoE Lab sessions (*.moelab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MoE Lab sessions (*.moelab);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session %1 is still being opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session %1 no longer exists; it has been removed from the recent files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the session &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::TrainingWorker</name>
    <message>
        <source>Re-initialised: data set %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-initialised: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not apply the change: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 experts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linear experts</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n hidden unit(s) per expert</source>
        <translation>
            <numerusform>%n hidden unit per expert</numerusform>
            <numerusform>%n hidden units per expert</numerusform>
        </translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset: new weights from seed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Training is paused and the last good model stays on screen. Try a learning rate of %2 (now %3), then press Play.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-initialised: new model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gate: %1</source>
        <translation>gate: %1</translation>
    </message>
    <message>
        <source>eq. 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eq. 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eq. 3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NLL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no training to save yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the session &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
