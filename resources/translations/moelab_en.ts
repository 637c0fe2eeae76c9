<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>moelab::ControlPanel</name>
    <message>
        <source>CSV: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of expert networks N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts each case is routed to: the K largest gate outputs are kept and renormalised. K = N is the dense gate of the 1991 paper.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden tanh units in each expert; 0 makes each expert linear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MLP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gating network: a linear softmax or a small tanh network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert hidden units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cooperative (eq. 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Competitive (eq. 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Competitive log-likelihood (eq. 3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixture NLL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts add up to one answer; each learns the others&apos; residual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each expert gives a whole answer and the gate picks one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As eq. 2, but each expert learns in proportion to its posterior responsibility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negative log-likelihood of the mixture&apos;s class probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FTRL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate, logarithmic from 0.0001 to 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>full batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases per optimizer step; 0 uses the whole training set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of generated cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the cases held out for testing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random seed of the initial weights, the batch order and the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
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
        <source>%1 (dense)</source>
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
        <source>Gate entropy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entropy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uniform gate (log N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nats</source>
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
</context>
</TS>
