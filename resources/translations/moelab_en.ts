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
    <message>
        <source>class %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareText</name>
    <message>
        <source>eq. 1 cooperative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eq. 2 competitive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eq. 3 competitive log-likelihood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mixture NLL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pane %1</source>
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
    <message>
        <source>1 line label left out: no room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 line labels left out: no room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>G%1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegressionText</name>
    <message>
        <source>eq. 1, cooperative: E = 1/2 (y - Σ pᵢ oᵢ)²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eq. 2, competitive: E = Σ pᵢ 1/2 (y - oᵢ)²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eq. 3, competitive-log: E = -log Σ pᵢ exp(-1/2 (y - oᵢ)²)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1   training RMSE: mixture %2, top expert alone %3   gate entropy %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mixture Σ pᵢ oᵢ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expert %1 (solid where pᵢ &gt; %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gate pᵢ(x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MoE Lab regression figure</source>
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
    <name>ReplayDialogText</name>
    <message>
        <source>Drawing the replay&apos;s frames...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Animated GIF (*.gif)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG frames in a folder (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplayText</name>
    <message>
        <source>Nothing to replay yet: train for an epoch first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the GIF %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutText</name>
    <message>
        <source>Loss: &amp;cooperative (eq. 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss: c&amp;ompetitive (eq. 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss: competitive &amp;log-likelihood (eq. 3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss: &amp;mixture NLL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;More experts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fewer experts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Larger &amp;K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smaller K</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StallNotice</name>
    <message>
        <source>Stalled: linear experts draw straight boundaries, which cannot bend around “%1”. The training accuracy has stayed near %2 for %3 epochs. Try hidden units (Expert hidden layers, e.g. 8).</source>
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
        <source>Size of the figure, or of the window, in pixels, or slide (1920x1080) or slide-4k (3840x2160) (default: 1600x1000)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train, keeping the weights at log-spaced epochs, then write the training&apos;s replay as an animated GIF (FILE.gif) or as numbered PNG frames in the folder FILE, without opening a window (frame size: --figure-size, default 960x600)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames of --export-replay, 2 to 500, spread evenly over the kept epochs (default: 60)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare 2 to 4 trainings side by side on the same data, weights and seed: losses or knob settings per pane, separated by &apos;,&apos; (cooperative,competitive-log or loss=cooperative;experts=6,...). With --export-figure: the whole compare view in one PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the window for this run (default: the one chosen in File &gt; Settings, else the system&apos;s)</source>
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
    <message>
        <source>Open a guided scenario: cooperation-entangles, logarithm-speeds-up, one-expert-per-region, vowel-figure, sparse-routing or dead-experts (also the Scenarios menu); with --export-figure, its figure</source>
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
    <name>moelab::CompareChart</name>
    <message>
        <source>Loss (solid, left axis) and training accuracy (dashed, right axis)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, accuracy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::ComparePane</name>
    <message>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gap: the mixture&apos;s training accuracy minus that of the gate&apos;s top expert alone on every case (large under eq. 1, where the experts learn each other&apos;s residuals; small under eq. 3). Gate entropy: mean over the training cases, in nats (log N = a gate that does not choose). Own cases: each expert alone on the cases the gate gives it most weight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 pts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mixture %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top expert alone %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gap %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gate entropy %1 of %2 nats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alone on own cases:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::CompareSetupDialog</name>
    <message>
        <source>Compare trainings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every pane trains on %1 from the same initial weights (seed %2) with the main window&apos;s settings; below, what sets each pane apart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pane %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::CompareView</name>
    <message>
        <source>MoE Lab: compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every pane trains one epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every pane back to the same initial weights; epoch 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs per second of every pane, up to as fast as they go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The panes train in lockstep: none runs more than about a quarter second of training ahead of the slowest, and Pause stops them all at the same epoch, so their pictures and curves are of the same epochs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed</source>
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
        <source>%1 epochs/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs %1 to %2</source>
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
    <message>
        <source>Drawn data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points drawn on the plane (Data &gt; Draw your own data...); every point trains.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regression: |x| (two pieces)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>y = |x| + noise: two straight pieces meeting at 0; one linear expert per piece fits it. Drawn as a curve with the experts&apos; lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regression: sine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>y = sin(pi x) + noise, one period on [-1, 1].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regression: step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>y = 0 for x &lt; 0 and 1 for x &gt;= 0, plus noise, on [-1, 1].</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::CriterionControl</name>
    <message>
        <source>training accuracy at least</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training error at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When a run counts as having learnt the vowels (moelab-cli reproduce --criterion-kind). Accuracy: its training accuracy is at or above the threshold (default 0.88). Error: the mean squared error of its output on the training set (eq. 1&apos;s |d - o|² per case, summed over the four outputs) is at or below the threshold (default 0.2), an error criterion of the kind the paper names; it is stricter, so the runs need more epochs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The threshold: a training accuracy from 0 to 1, or a mean squared error above 0 and at most 2 (moelab-cli reproduce --criterion).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::DrawTool</name>
    <message>
        <source>Click: add a point of the selected class. Right-click: remove a point. Drag a point: move it. Wheel: zoom.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::DrawnData</name>
    <message>
        <source>Add point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move point</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::EquationPanel</name>
    <message>
        <source>Cooperative loss (eq. 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every expert is corrected by the error of the blend %1, not by its own: each learns to make up for the others&apos; residuals, so the experts stay entangled. (%2 = %1 is the mixture&apos;s output.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Competitive loss (eq. 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each expert gives a whole answer and is corrected by its own error, weighted by the gate&apos;s %1; the gate moves towards the experts whose error %2 is below the average. The experts decouple.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Competitive log-likelihood (eq. 3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each expert is corrected by its own error, weighted by its responsibility %1: the gate&apos;s posterior belief that expert i produced this case. The expert that already fits best takes the case, which speeds up early learning and makes the experts specialise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixture negative log-likelihood (categorical form of eq. 3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The classification form of eq. 3: expert i&apos;s class probabilities %1 are the likelihood. Each expert is corrected, through its softmax, by its own error weighted by its responsibility %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For one case: %1 is the target (one-hot), %2 expert i&apos;s output (class probabilities), %3 the gate&apos;s probability for expert i, %4 its logit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient for expert i</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with the responsibility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient for the gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A network has no gate: N = 1 and %1 = 1, so the loss is the network&apos;s own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-%1 routing: the sums run over the %1 experts the gate picks for this case, %2 is renormalised over them, and the other %3 experts get no gradient from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A shared expert takes a fixed weight of every case beside the routed ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plus %1 &amp;middot; N %2%3 %4 (load balancing, Switch Transformer): %3 is the share of the batch routed to expert i, %4 its mean gate probability.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plus %1 &amp;middot; CV(%2%3)&lt;sup&gt;2&lt;/sup&gt; (importance, Shazeer et al. 2017).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plus %1 &amp;middot; CV(load)&lt;sup&gt;2&lt;/sup&gt; (load, Shazeer et al. 2017), through which the noise learns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plus %1 &amp;middot; the sample-similarity term (Krishnamurthy et al. 2023).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eq. 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the blend&apos;s error: experts compensate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eq. 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its own error, times the gate&apos;s weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eq. 3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its own error, times its responsibility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NLL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as eq. 3, through the softmax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What expert i learns from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mixture NLL is the loss of classes: a regression set does not train with it. Its Gaussian form is eq. 3:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cooperative loss (eq. 1), regression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The experts&apos; outputs add up to one prediction %1 = %2. Every expert is corrected by the error of that prediction, not by its own: each learns to make up for the others&apos; residuals, so the experts stay entangled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Competitive loss (eq. 2), regression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each expert gives a whole prediction and is corrected by its own error, weighted by the gate&apos;s %1; the gate moves towards the experts whose squared error %2 is below the average. The experts decouple, each fitting its own stretch of the curve.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Competitive log-likelihood (eq. 3), regression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each expert is a Gaussian of unit variance around its output; it is corrected by its own error, weighted by its responsibility %1: the gate&apos;s posterior belief that expert i produced this case. The expert that already fits best takes the case, so the experts split the input axis between them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regression, for one case: %1 is the target (a real number), %2 expert i&apos;s output (the mean of its Gaussian), %3 the gate&apos;s probability for expert i, %4 its logit.</source>
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
    <message>
        <source>Alone, right on %1 % of those cases (under eq. 1 experts lean on each other and this stays low)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alone %1 %</source>
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
    <message>
        <source>Custom size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slide 16:9 (1920 × 1080)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slide 16:9, 4K (3840 × 2160)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::InspectTool</name>
    <message>
        <source>Hover: the Inspector follows the mouse. Click: pin the point. Right-click: follow the mouse again.</source>
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
    <message>
        <source>Equations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xperiments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reproduce the paper (Table 1)...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export re&amp;play...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scenarios</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare mode shows classifications side by side; a regression set is shown in the curve view. Change the loss and press Reset to compare eq. 1 and eq. 3 here.</source>
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
    <message>
        <source>Top expert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gate weight</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::PlaneTools</name>
    <message>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mouse tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspect: hover or click a point of the plane to see the gate, the experts, the responsibilities and the gradient there (the Inspector panel).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw your own data: click adds a point of the selected class, right-click removes one, drag moves one. It trains as you draw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The class of the points you add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Class: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Draw your own data...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save drawn data as CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no data on the plane yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawing needs data of two features; %1 has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw: click adds a point, right-click removes one, drag moves one; Ctrl+Z undoes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw your own data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from an empty plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from the current data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot draw here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save drawn data as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drawn-data.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawn data written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the drawn data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::PointInspector</name>
    <message>
        <source>Target class c:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The class d = one-hot(c) stands for in the loss at this point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The expert i (its colour on the plane).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p_i</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gate&apos;s probability of expert i at this point (top K: 0 for an expert that is not routed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>o_i[c]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert i&apos;s probability of the target class c.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>h_i</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The posterior responsibility of expert i for class c: how much of the evidence for c it accounts for. Sums to 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The factor that weights expert i&apos;s error in the gradient under the current loss: p_i for eq. 1 and eq. 2, h_i for eq. 3, h_i / o_i[c] for the mixture NLL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>push</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>-dE/do_i[c]: how hard this case&apos;s gradient pushes expert i&apos;s probability of class c up (negative: down).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nearest point&apos;s class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inspector explains points of data with two features.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the mouse over the plane; click to pin a point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned at %1. Right-click the plane to follow the mouse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At %1. Click to pin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nearest point&apos;s: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not routed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outside the top K at this point: weight 0, no gradient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shared expert&apos;s fixed weight in the mixture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>-</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eq. 1: every expert is pushed by the mixture&apos;s shared error d - y, weighted by its gate probability p_i (dE/do_i = -p_i (d - y)).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eq. 2: each expert&apos;s own error d - o_i is weighted by its gate probability p_i (dE/do_i = -p_i (d - o_i)).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eq. 3: each expert&apos;s error is weighted by its responsibility h_i (dE/do_i = -h_i (d - o_i)).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixture NLL: only class c is pushed, by the responsibility over the expert&apos;s own probability (dE/do_i[c] = -h_i / o_i[c]).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixture: y[c] = %1, loss E = %2 at this point.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::PresentationMode</name>
    <message>
        <source>&amp;Presentation mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave presentation mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts (+ and -)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts each case is routed to ([ and ])</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::RegressionMode</name>
    <message>
        <source>There is no model to draw yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::RegressionView</name>
    <message>
        <source>Preparing the regression data...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::RegressionWorker</name>
    <message>
        <source>There is no training to save yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the session &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::ReproduceDialog</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (SD %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reproduce the paper: Table 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jacobs, Jordan, Nowlan &amp; Hinton (1991) trained mixtures of 4 and 8 linear experts and backprop networks of 6 and 12 hidden units on the vowels to the same criterion. Each system trains here for several seeds, side by side, and the table sets the epochs it needed beside the paper&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one per core</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>full batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs per system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixtures: optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixtures: learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Networks: optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Networks: learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trainings side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plot (PNG)...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export runs (CSV)...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the box plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export every run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Start: the window stays usable while the runs train.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs, first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs, stays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never stays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First: the first epoch whose training accuracy reached the criterion. Stays: the epoch from which it never fell below it again. Means and SDs over the runs that got there. Paper: epochs to criterion as Table 1 is usually quoted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs until the training accuracy stays at the criterion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling: the runs stop after their current epoch...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>estimating the time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 runs done, %3 side by side; %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runs failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled after %1 of %2 runs; no table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 runs done in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No mixture or no network stayed at the criterion, so they cannot be compared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no finished runs to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no box plot to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 reaches the criterion %2x faster than %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 reaches the criterion %2x slower than %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (mean epochs until the training accuracy stays at the criterion; the paper: about 2x faster).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (mean epochs until the training error stays at the criterion; the paper: about 2x faster).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs until the training error stays at the criterion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First: the first epoch whose training error (mean squared) got down to the criterion. Stays: the epoch from which it never rose above it again. Means and SDs over the runs that got there. Paper: epochs to criterion as Table 1 is usually quoted.</source>
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
    <name>moelab::ScenarioPanel</name>
    <message>
        <source>Cooperation entangles the experts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Both panes start from the same weights. On the left the cooperative loss (eq. 1) trains every expert on the error of the &lt;i&gt;blend&lt;/i&gt;; on the right the competitive log-likelihood (eq. 3) trains each expert on its own error, weighted by its responsibility.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Watch&lt;/b&gt; the numbers under each plane: &lt;i&gt;gap&lt;/i&gt; is how much better the mixture is than the gate&apos;s top expert alone. Under eq. 1 it opens in the first few hundred epochs (the experts lean on each other: none of them is right on its own); under eq. 3 it stays small (each expert is right where the gate trusts it).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Honestly:&lt;/b&gt; on these vowels, with experts whose outputs are class probabilities, the gap under eq. 1 closes again after a few thousand epochs; the entanglement is a stage, not the end.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the logarithm speeds up early learning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Both losses make the experts compete. Eq. 2 corrects expert &lt;i&gt;i&lt;/i&gt; in proportion to the gate&apos;s weight &lt;i&gt;p&lt;sub&gt;i&lt;/sub&gt;&lt;/i&gt;; eq. 3 in proportion to its responsibility &lt;i&gt;h&lt;sub&gt;i&lt;/sub&gt;&lt;/i&gt;, the gate&apos;s belief after seeing how well each expert did on this case.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Watch&lt;/b&gt; the loss and accuracy curves in the first hundred epochs: the expert that already fits a case best gets most of its gradient under eq. 3, so the right expert moves first and the curve rises sooner.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One expert per region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Two classes in two regions: in each region one straight line separates them, but no single line does. Two linear experts and a linear gate.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Watch&lt;/b&gt; the gate&apos;s line split the plane in two and each expert&apos;s line settle in its own half: together they draw a boundary that neither could draw alone.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vowel figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;The setting of the paper&apos;s vowel figure: four linear experts and a linear gate on the formants F1 and F2 of [i], [I], [a] and [A] (Peterson &amp;amp; Barney 1952), trained with eq. 3, drawn in the paper&apos;s black and white.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Watch&lt;/b&gt; which experts the gate keeps: usually two or three share the plane, one for the front vowels [i] [I] and one for the back vowels [a] [A].&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sparse routing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Left: each case goes to one expert only (K = 1); right: to all four (the dense gate of 1991). Both add the Switch Transformer&apos;s load-balancing term.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Watch&lt;/b&gt; the gate. With K = 1 the chosen expert&apos;s weight is always 1, so the main loss gives the gate no gradient at all: only the balancing term moves its regions. The dense gate learns from every case. Sparse routing saves computation, and pays for it in how the gate learns.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead experts and load balancing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Eight experts. Left: the 1991 gate alone; right: with the load-balancing term of the Switch Transformer (N &amp;Sigma; f&lt;sub&gt;i&lt;/sub&gt; P&lt;sub&gt;i&lt;/sub&gt;).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Watch&lt;/b&gt; the expert utilisation: the plain gate lets a few experts take everything and the rest never learn (dead experts); balancing pushes cases towards the unused experts, so more of them get a region.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local linear experts on a curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Regression: y = |x| plus a little noise, two straight pieces meeting at 0. Two linear experts, each a straight line o&lt;sub&gt;i&lt;/sub&gt;(x), and a linear gate. The thick line is the mixture&apos;s prediction &amp;Sigma; p&lt;sub&gt;i&lt;/sub&gt; o&lt;sub&gt;i&lt;/sub&gt;; an expert&apos;s line is solid where the gate gives it more than half the weight; the strip below shows the gate p&lt;sub&gt;i&lt;/sub&gt;(x).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Watch&lt;/b&gt; the numbers above the curve. The training starts under the cooperative loss (eq. 1): the blend fits the V, but the lines do not lie on the pieces (one sits above its half of the data), so the gate&apos;s top expert alone is about twice as far off as the mixture (at epoch 2000: RMSE 0.076 against 0.034). Then choose the competitive log-likelihood (eq. 3) under Loss and press Reset: each line settles on its piece, the gate switches sharply at 0, and the top expert alone is nearly as good as the mixture (0.035 against 0.024).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Honestly:&lt;/b&gt; trained much longer, the lines under eq. 1 drift closer to the pieces and the gap narrows (0.036 against 0.022 at epoch 20000), but it stays several times wider than under eq. 3.&lt;/p&gt;</source>
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
    <name>moelab::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language applies when MoE Lab restarts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard (Paul Tol, muted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour-blind safe (Okabe &amp; Ito)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The colours of the experts in the plane, the gallery, the charts and exported figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Expert colours:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much larger presentation mode (F11) draws the plane&apos;s text, lines and points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Presentation size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart MoE Lab?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language applies when MoE Lab starts again. Restart now? The training in progress is not kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moelab::TimelineBar</name>
    <message>
        <source>Replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to see the plane as it was at earlier epochs (kept at log-spaced epochs); the right end is the live training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play the training again from its first epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the live training again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1</source>
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
        <source>Drawing: new model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not train on the drawn points: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing %1 instead.</source>
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
    <message>
        <source>drawing edited</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
