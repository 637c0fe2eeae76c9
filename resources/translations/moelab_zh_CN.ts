<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>moelab::ControlPanel</name>
    <message>
        <source>CSV: %1</source>
        <translation>CSV：%1</translation>
    </message>
    <message>
        <source>Number of expert networks N</source>
        <translation>专家网络的数量 N</translation>
    </message>
    <message>
        <source>Experts each case is routed to: the K largest gate outputs are kept and renormalised. K = N is the dense gate of the 1991 paper.</source>
        <translation>每个样本路由到的专家数：保留门控输出中最大的 K 个并重新归一化。K = N 即 1991 年论文中的稠密门控。</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>Hidden tanh units in each expert; 0 makes each expert linear</source>
        <translation>每个专家的 tanh 隐藏单元数；0 表示专家为线性模型</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>多层感知机</translation>
    </message>
    <message>
        <source>The gating network: a linear softmax or a small tanh network</source>
        <translation>门控网络：线性 softmax，或一个小型 tanh 网络</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Experts</source>
        <translation>专家数</translation>
    </message>
    <message>
        <source>Top-K</source>
        <translation>Top-K</translation>
    </message>
    <message>
        <source>Expert hidden units</source>
        <translation>专家隐藏单元</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>门控</translation>
    </message>
    <message>
        <source>Cooperative (eq. 1)</source>
        <translation>协作式（式 1）</translation>
    </message>
    <message>
        <source>Competitive (eq. 2)</source>
        <translation>竞争式（式 2）</translation>
    </message>
    <message>
        <source>Competitive log-likelihood (eq. 3)</source>
        <translation>竞争式对数似然（式 3）</translation>
    </message>
    <message>
        <source>Mixture NLL</source>
        <translation>混合负对数似然</translation>
    </message>
    <message>
        <source>Experts add up to one answer; each learns the others&apos; residual</source>
        <translation>各专家的输出相加成一个答案；每个专家学习其他专家的残差</translation>
    </message>
    <message>
        <source>Each expert gives a whole answer and the gate picks one</source>
        <translation>每个专家各自给出完整答案，由门控选择其一</translation>
    </message>
    <message>
        <source>As eq. 2, but each expert learns in proportion to its posterior responsibility</source>
        <translation>与式 2 相同，但每个专家按其后验责任度的比例学习</translation>
    </message>
    <message>
        <source>Negative log-likelihood of the mixture&apos;s class probability</source>
        <translation>混合模型对正确类别概率的负对数似然</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD（随机梯度下降）</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>FTRL</source>
        <translation>FTRL</translation>
    </message>
    <message>
        <source>Learning rate, logarithmic from 0.0001 to 10</source>
        <translation>学习率，对数刻度，从 0.0001 到 10</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>全批量</translation>
    </message>
    <message>
        <source>Cases per optimizer step; 0 uses the whole training set</source>
        <translation>每次优化步使用的样本数；0 表示使用整个训练集</translation>
    </message>
    <message>
        <source>Learning</source>
        <translation>学习</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>Number of generated cases</source>
        <translation>生成的样本数</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Share of the cases held out for testing</source>
        <translation>留作测试的样本比例</translation>
    </message>
    <message>
        <source>Random seed of the initial weights, the batch order and the data</source>
        <translation>初始权重、批次顺序和数据的随机种子</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Test share</source>
        <translation>测试比例</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Train one epoch</source>
        <translation>训练一轮</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>New random weights from the seed; epoch 0</source>
        <translation>按随机种子重新初始化权重；回到第 0 轮</translation>
    </message>
    <message>
        <source>Epochs per second, from 1 to as fast as the machine goes</source>
        <translation>每秒训练轮数，从 1 到机器所能达到的最快速度</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Open CSV...</source>
        <translation>打开 CSV…</translation>
    </message>
    <message>
        <source>%1 (dense)</source>
        <translation>%1（稠密）</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1 轮/秒</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation>第 %1 轮</translation>
    </message>
</context>
<context>
    <name>moelab::ExpertGallery</name>
    <message>
        <source>Each expert&apos;s own class regions, darker where the gate gives it less weight. Click one to highlight it.</source>
        <translation>每个专家自己划分的类别区域；门控给它的权重越小，颜色越暗。点击一个专家可在主视图中突出显示。</translation>
    </message>
    <message>
        <source>Expert %1
Mean gate weight: %2 %
First choice of the gate for %3 % of the training cases</source>
        <translation>专家 %1
平均门控权重：%2 %
在 %3 % 的训练样本上是门控的首选</translation>
    </message>
    <message>
        <source>The experts appear here once training starts.</source>
        <translation>训练开始后，专家会显示在这里。</translation>
    </message>
    <message>
        <source>E%1  %2 %</source>
        <translation>专家 %1  %2 %</translation>
    </message>
</context>
<context>
    <name>moelab::MetricsCharts</name>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>Expert utilisation</source>
        <translation>专家利用率</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>Mean gate weight</source>
        <translation>平均门控权重</translation>
    </message>
    <message>
        <source>Gate entropy</source>
        <translation>门控熵</translation>
    </message>
    <message>
        <source>Entropy</source>
        <translation>熵</translation>
    </message>
    <message>
        <source>Uniform gate (log N)</source>
        <translation>均匀门控（log N）</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>奈特</translation>
    </message>
    <message>
        <source>Expert %1</source>
        <translation>专家 %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
</TS>
