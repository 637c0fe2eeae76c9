<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ClassNames</name>
    <message>
        <source>T-shirt/top</source>
        <translation>T恤/上衣</translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation>裤子</translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation>套头衫</translation>
    </message>
    <message>
        <source>Dress</source>
        <translation>连衣裙</translation>
    </message>
    <message>
        <source>Coat</source>
        <translation>外套</translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation>凉鞋</translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation>衬衫</translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation>运动鞋</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>包</translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation>短靴</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>类别 %1</translation>
    </message>
</context>
<context>
    <name>CompareText</name>
    <message>
        <source>eq. 1 cooperative</source>
        <translation>式 1 协作式</translation>
    </message>
    <message>
        <source>eq. 2 competitive</source>
        <translation>式 2 竞争式</translation>
    </message>
    <message>
        <source>eq. 3 competitive log-likelihood</source>
        <translation>式 3 竞争式对数似然</translation>
    </message>
    <message>
        <source>mixture NLL</source>
        <translation>混合负对数似然</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Pane %1</source>
        <translation>窗格 %1</translation>
    </message>
</context>
<context>
    <name>ExportText</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>MoE Lab figure</source>
        <translation>MoE Lab 图</translation>
    </message>
    <message>
        <source>Mixture of experts at epoch %1</source>
        <translation>第 %1 轮时的混合专家模型</translation>
    </message>
    <message>
        <source>Cannot start the SVG writer.</source>
        <translation>无法启动 SVG 写入器。</translation>
    </message>
    <message>
        <source>Cannot encode the PNG image for %1.</source>
        <translation>无法为 %1 编码 PNG 图像。</translation>
    </message>
</context>
<context>
    <name>FigureText</name>
    <message>
        <source>cooperative (eq. 1)</source>
        <translation>协作式（式 1）</translation>
    </message>
    <message>
        <source>competitive (eq. 2)</source>
        <translation>竞争式（式 2）</translation>
    </message>
    <message>
        <source>competitive log-likelihood (eq. 3)</source>
        <translation>竞争式对数似然（式 3）</translation>
    </message>
    <message>
        <source>mixture NLL</source>
        <translation>混合负对数似然</translation>
    </message>
    <message>
        <source>x%1</source>
        <translation>x%1</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Gate %1:%2</source>
        <translation>门控 %1:%2</translation>
    </message>
    <message>
        <source>Expert %1</source>
        <translation>专家 %1</translation>
    </message>
    <message>
        <source>%1, decreasing</source>
        <translation>%1，递减</translation>
    </message>
    <message>
        <source>%1, increasing downward</source>
        <translation>%1，向下递增</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>filled: train, hollow: test</source>
        <translation>实心：训练集，空心：测试集</translation>
    </message>
    <message>
        <source>training points</source>
        <translation>训练样本</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>线条</translation>
    </message>
    <message>
        <source>expert, where it leads</source>
        <translation>专家（在其主导区域）</translation>
    </message>
    <message>
        <source>expert, elsewhere</source>
        <translation>专家（其他区域）</translation>
    </message>
    <message>
        <source>gate</source>
        <translation>门控</translation>
    </message>
    <message>
        <source>Experts, gate share</source>
        <translation>专家及门控份额</translation>
    </message>
    <message>
        <source>Expert %1  %2</source>
        <translation>专家 %1  %2</translation>
    </message>
    <message>
        <source>shade: the mixture&apos;s class</source>
        <translation>底色：混合模型预测的类别</translation>
    </message>
    <message>
        <source>shade: the gate&apos;s first choice</source>
        <translation>底色：门控的首选专家</translation>
    </message>
    <message>
        <source>Epoch %1   train %2   test %3   loss %4</source>
        <translation>第 %1 轮   训练 %2   测试 %3   损失 %4</translation>
    </message>
    <message>
        <source>dense gate</source>
        <translation>稠密门控</translation>
    </message>
    <message>
        <source>top-%1 gate</source>
        <translation>top-%1 门控</translation>
    </message>
    <message>
        <source>%1 · N = %2 · %3</source>
        <translation>%1 · N = %2 · %3</translation>
    </message>
    <message>
        <source>This data set has %1 features; the plane view needs 2.</source>
        <translation>此数据集有 %1 个特征；平面视图需要 2 个。</translation>
    </message>
    <message>
        <source>Waiting for the first model...</source>
        <translation>正在等待第一个模型…</translation>
    </message>
    <message>
        <source>drawn: 1 case in %1</source>
        <translation>绘制：每 %1 个样本取 1 个</translation>
    </message>
    <message>
        <source>dropped at capacity (%1)</source>
        <translation>因容量已满被丢弃（%1）</translation>
    </message>
    <message>
        <source>stripes: the K = %1 experts</source>
        <translation>条纹：K = %1 个专家</translation>
    </message>
    <message>
        <source>stripe width: gate weight</source>
        <translation>条纹宽度：门控权重</translation>
    </message>
    <message>
        <source>(on the plane through the mean)</source>
        <translation>（在过均值的平面上）</translation>
    </message>
    <message>
        <source>PC %1 (%2 of the variance)</source>
        <translation>主成分 %1（占方差的 %2）</translation>
    </message>
    <message>
        <source>Noisy gate</source>
        <translation>噪声门控</translation>
    </message>
    <message>
        <source>tint: the gate&apos;s choice under
this frame&apos;s noise draw</source>
        <translation>底色：本帧噪声抽样下
门控的选择</translation>
    </message>
    <message>
        <source>lines: the gate without noise</source>
        <translation>线：不加噪声的门控</translation>
    </message>
    <message>
        <source>noise changes the first choice
of %1 of cases</source>
        <translation>噪声改变了 %1 样本的
首选专家</translation>
    </message>
    <message>
        <source>and the top-%1 set of %2</source>
        <translation>以及 %2 样本的 top-%1 专家集合</translation>
    </message>
    <message>
        <source>Expert %1: no region (never first)</source>
        <translation>专家 %1：无区域（从未是首选）</translation>
    </message>
    <message>
        <source>Experts %1: no region (never first)</source>
        <translation>专家 %1：无区域（从未是首选）</translation>
    </message>
    <message>
        <source>1 line label left out: no room</source>
        <translation>1 个线条标签因无空位未画出</translation>
    </message>
    <message>
        <source>%1 line labels left out: no room</source>
        <translation>%1 个线条标签因无空位未画出</translation>
    </message>
    <message>
        <source>G%1:%2</source>
        <translation>门%1:%2</translation>
    </message>
    <message>
        <source>E%1</source>
        <translation>专家%1</translation>
    </message>
</context>
<context>
    <name>RegressionText</name>
    <message>
        <source>eq. 1, cooperative: E = 1/2 (y - Σ pᵢ oᵢ)²</source>
        <translation>式 1，协作式：E = 1/2 (y - Σ pᵢ oᵢ)²</translation>
    </message>
    <message>
        <source>eq. 2, competitive: E = Σ pᵢ 1/2 (y - oᵢ)²</source>
        <translation>式 2，竞争式：E = Σ pᵢ 1/2 (y - oᵢ)²</translation>
    </message>
    <message>
        <source>eq. 3, competitive-log: E = -log Σ pᵢ exp(-1/2 (y - oᵢ)²)</source>
        <translation>式 3，竞争对数似然：E = -log Σ pᵢ exp(-1/2 (y - oᵢ)²)</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Epoch %1   training RMSE: mixture %2, top expert alone %3   gate entropy %4</source>
        <translation>第 %1 轮   训练 RMSE：混合 %2，仅用门控首选专家 %3   门控熵 %4</translation>
    </message>
    <message>
        <source>mixture Σ pᵢ oᵢ</source>
        <translation>混合 Σ pᵢ oᵢ</translation>
    </message>
    <message>
        <source>expert %1 (solid where pᵢ &gt; %2)</source>
        <translation>专家 %1（pᵢ &gt; %2 处为实线）</translation>
    </message>
    <message>
        <source>gate pᵢ(x)</source>
        <translation>门控 pᵢ(x)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>MoE Lab regression figure</source>
        <translation>MoE Lab 回归图</translation>
    </message>
    <message>
        <source>Cannot start the SVG writer.</source>
        <translation>无法启动 SVG 写入器。</translation>
    </message>
    <message>
        <source>Cannot encode the PNG image for %1.</source>
        <translation>无法为 %1 编码 PNG 图像。</translation>
    </message>
</context>
<context>
    <name>ReplayDialogText</name>
    <message>
        <source>Drawing the replay&apos;s frames...</source>
        <translation>正在绘制回放的各帧……</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export replay</source>
        <translation>导出回放</translation>
    </message>
    <message>
        <source>Frame %1 of %2</source>
        <translation>第 %1 帧，共 %2 帧</translation>
    </message>
    <message>
        <source>Animated GIF (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <source>PNG frames in a folder (*)</source>
        <translation>文件夹中的 PNG 帧 (*)</translation>
    </message>
</context>
<context>
    <name>ReplayText</name>
    <message>
        <source>Nothing to replay yet: train for an epoch first.</source>
        <translation>还没有可回放的内容：请先训练至少一轮。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write the GIF %1: %2</source>
        <translation>无法写入 GIF 文件 %1：%2</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
</context>
<context>
    <name>ShortcutText</name>
    <message>
        <source>Loss: &amp;cooperative (eq. 1)</source>
        <translation>损失：合作式（式 1）(&amp;C)</translation>
    </message>
    <message>
        <source>Loss: c&amp;ompetitive (eq. 2)</source>
        <translation>损失：竞争式（式 2）(&amp;O)</translation>
    </message>
    <message>
        <source>Loss: competitive &amp;log-likelihood (eq. 3)</source>
        <translation>损失：竞争式对数似然（式 3）(&amp;L)</translation>
    </message>
    <message>
        <source>Loss: &amp;mixture NLL</source>
        <translation>损失：混合负对数似然(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;More experts</source>
        <translation>增加专家(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Fewer experts</source>
        <translation>减少专家(&amp;F)</translation>
    </message>
    <message>
        <source>Larger &amp;K</source>
        <translation>增大 K(&amp;K)</translation>
    </message>
    <message>
        <source>Smaller K</source>
        <translation>减小 K</translation>
    </message>
</context>
<context>
    <name>StallNotice</name>
    <message>
        <source>Stalled: linear experts draw straight boundaries, which cannot bend around “%1”. The training accuracy has stayed near %2 for %3 epochs. Try hidden units (Expert hidden layers, e.g. 8).</source>
        <translation>停滞：线性专家只能画出直线边界，无法绕过“%1”的弯曲。训练准确率已在 %2 附近停留了 %3 轮。请尝试加入隐藏单元（专家隐藏层，例如 8）。</translation>
    </message>
</context>
<context>
    <name>moelab::AppOptions</name>
    <message>
        <source>With --export-figure: instead of training, draw the box plot of epochs to criterion per system from the runs.csv of moelab-cli reproduce</source>
        <translation>与 --export-figure 一起使用：不训练，而是根据 moelab-cli reproduce 写出的 runs.csv 画出各系统达到准则所需轮数的箱线图</translation>
    </message>
    <message>
        <source>Train, then write the figure (.png or .svg) without opening a window</source>
        <translation>训练后直接写出图（.png 或 .svg），不打开窗口</translation>
    </message>
    <message>
        <source>Train, then save a picture of the whole window</source>
        <translation>训练后保存整个窗口的截图</translation>
    </message>
    <message>
        <source>Train as fast as possible and print how many frames per second the view paints</source>
        <translation>以最快速度训练，并输出视图每秒绘制的帧数</translation>
    </message>
    <message>
        <source>PNG pixels per figure pixel, above 0 and at most 8 (default: 1)</source>
        <translation>每个图像素对应的 PNG 像素数，大于 0 且不超过 8（默认：1）</translation>
    </message>
    <message>
        <source>The figure in colour or in the paper&apos;s black and white (default: color)</source>
        <translation>图用彩色，或用论文中的黑白风格（默认：color）</translation>
    </message>
    <message>
        <source>Shade the plane by the gate&apos;s first choice or by the predicted class (default: gate)</source>
        <translation>平面底色按门控的首选专家或按预测类别着色（默认：gate）</translation>
    </message>
    <message>
        <source>Draw expert N (0 to 31) bold in figures</source>
        <translation>在图中加粗绘制专家 N（0 到 31）</translation>
    </message>
    <message>
        <source>Vowels: F2 across (decreasing) and F1 down, as phoneticians draw</source>
        <translation>元音：横轴为 F2（递减），F1 向下递增，与语音学家的画法一致</translation>
    </message>
    <message>
        <source>Print the version and exit</source>
        <translation>输出版本号并退出</translation>
    </message>
    <message>
        <source>Print this help and exit</source>
        <translation>输出本帮助并退出</translation>
    </message>
    <message>
        <source>App options</source>
        <translation>程序选项</translation>
    </message>
    <message>
        <source>%1 (default: %2)</source>
        <translation>%1（默认：%2）</translation>
    </message>
    <message>
        <source>Options take a value as the next argument or after &apos;=&apos; (--lr=0.1); switches need none (--noisy-gate turns the noise on) or take one after &apos;=&apos; (--noisy-gate=off). Qt&apos;s own options (-platform offscreen, -style fusion) are passed to Qt.</source>
        <translation>选项的值写在下一个参数里，或写在“=”之后（--lr=0.1）；开关选项不需要值（--noisy-gate 即打开噪声），也可以在“=”之后给值（--noisy-gate=off）。Qt 自身的选项（-platform offscreen、-style fusion）会转交给 Qt。</translation>
    </message>
    <message>
        <source>Size of the figure, or of the window, in pixels, or slide (1920x1080) or slide-4k (3840x2160) (default: 1600x1000)</source>
        <translation>图或窗口的尺寸，单位为像素，或 slide（1920x1080）、slide-4k（3840x2160）（默认：1600x1000）</translation>
    </message>
    <message>
        <source>Train, keeping the weights at log-spaced epochs, then write the training&apos;s replay as an animated GIF (FILE.gif) or as numbered PNG frames in the folder FILE, without opening a window (frame size: --figure-size, default 960x600)</source>
        <translation>训练时在按对数间隔的轮次保存权重，然后不打开窗口，将训练回放写成 GIF 动画（FILE.gif）或文件夹 FILE 中编号的 PNG 帧（帧尺寸：--figure-size，默认 960x600）</translation>
    </message>
    <message>
        <source>Frames of --export-replay, 2 to 500, spread evenly over the kept epochs (default: 60)</source>
        <translation>--export-replay 的帧数，2 到 500，均匀分布在保存的轮次上（默认：60）</translation>
    </message>
    <message>
        <source>Compare 2 to 4 trainings side by side on the same data, weights and seed: losses or knob settings per pane, separated by &apos;,&apos; (cooperative,competitive-log or loss=cooperative;experts=6,...). With --export-figure: the whole compare view in one PNG</source>
        <translation>在相同的数据、初始权重和随机种子上并排比较 2 到 4 个训练：每个窗格给出损失或参数设置，用“,”分隔（cooperative,competitive-log 或 loss=cooperative;experts=6,...）。与 --export-figure 一起使用：把整个比较视图写成一张 PNG</translation>
    </message>
    <message>
        <source>Language of the window for this run (default: the one chosen in File &gt; Settings, else the system&apos;s)</source>
        <translation>本次运行的窗口语言（默认：“文件 &gt; 设置”中选择的语言，否则跟随系统）</translation>
    </message>
    <message>
        <source>Usage: moelab [options] [FILE.moelab]</source>
        <translation>用法：moelab [选项] [文件.moelab]</translation>
    </message>
    <message>
        <source>MoE Lab: watch a mixture of local experts learn (Jacobs, Jordan, Nowlan &amp; Hinton 1991). Without --export-figure, --screenshot or --bench-fps it opens the window, and the session FILE.moelab when one is given (with --export-figure: draws its figure).</source>
        <translation>MoE Lab：观看局部专家混合模型的学习过程（Jacobs、Jordan、Nowlan 与 Hinton，1991）。未指定 --export-figure、--screenshot 或 --bench-fps 时打开窗口；给出会话文件 FILE.moelab 时一并打开它（与 --export-figure 同用时：绘制该会话的图形）。</translation>
    </message>
    <message>
        <source>Open a guided scenario: cooperation-entangles, logarithm-speeds-up, one-expert-per-region, vowel-figure, sparse-routing or dead-experts (also the Scenarios menu); with --export-figure, its figure</source>
        <translation>打开一个引导场景：cooperation-entangles、logarithm-speeds-up、one-expert-per-region、vowel-figure、sparse-routing 或 dead-experts（也可在“场景”菜单中打开）；与 --export-figure 一起使用时，输出它的图</translation>
    </message>
</context>
<context>
    <name>moelab::BoundaryView</name>
    <message>
        <source>Loading the data...</source>
        <translation>正在加载数据…</translation>
    </message>
    <message>
        <source>Wheel or +/-: zoom. Drag: pan. Double-click or 0: show all data.</source>
        <translation>滚轮或 +/-：缩放。拖动：平移。双击或按 0：显示全部数据。</translation>
    </message>
</context>
<context>
    <name>moelab::BoxPlot</name>
    <message>
        <source>Epochs until the training accuracy stays at the criterion</source>
        <translation>训练准确率稳定达到准则所需的轮数</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>%1 never</source>
        <translation>%1 次未达到</translation>
    </message>
</context>
<context>
    <name>moelab::CompareChart</name>
    <message>
        <source>Loss (solid, left axis) and training accuracy (dashed, right axis)</source>
        <translation>损失（实线，左轴）与训练准确率（虚线，右轴）</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <source>%1, accuracy</source>
        <translation>%1，准确率</translation>
    </message>
</context>
<context>
    <name>moelab::ComparePane</name>
    <message>
        <source>n/a</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Gap: the mixture&apos;s training accuracy minus that of the gate&apos;s top expert alone on every case (large under eq. 1, where the experts learn each other&apos;s residuals; small under eq. 3). Gate entropy: mean over the training cases, in nats (log N = a gate that does not choose). Own cases: each expert alone on the cases the gate gives it most weight.</source>
        <translation>差距：混合模型的训练准确率减去门控首选专家单独作答时在全部样本上的准确率（式 1 下较大，因为各专家学习彼此的残差；式 3 下较小）。门控熵：训练样本上的平均值，单位为奈特（log N 表示门控不做选择）。自己的样本：每个专家单独作答时，在门控给它权重最大的那些样本上的准确率。</translation>
    </message>
    <message>
        <source>%1 pts</source>
        <translation>%1 个百分点</translation>
    </message>
    <message>
        <source>mixture %1</source>
        <translation>混合模型 %1</translation>
    </message>
    <message>
        <source>top expert alone %1</source>
        <translation>首选专家单独 %1</translation>
    </message>
    <message>
        <source>gap %1</source>
        <translation>差距 %1</translation>
    </message>
    <message>
        <source>gate entropy %1 of %2 nats</source>
        <translation>门控熵 %1 / %2 奈特</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>alone on own cases:</source>
        <translation>单独作答（自己的样本）：</translation>
    </message>
</context>
<context>
    <name>moelab::CompareSetupDialog</name>
    <message>
        <source>Compare trainings</source>
        <translation>比较训练</translation>
    </message>
    <message>
        <source>Every pane trains on %1 from the same initial weights (seed %2) with the main window&apos;s settings; below, what sets each pane apart.</source>
        <translation>每个窗格都在 %1 上、从相同的初始权重（种子 %2）出发，使用主窗口的设置进行训练；下面设置各窗格不同的地方。</translation>
    </message>
    <message>
        <source>Panes</source>
        <translation>窗格数</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Pane %1: %2</source>
        <translation>窗格 %1：%2</translation>
    </message>
</context>
<context>
    <name>moelab::CompareView</name>
    <message>
        <source>MoE Lab: compare</source>
        <translation>MoE Lab：比较</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Every pane trains one epoch</source>
        <translation>每个窗格训练一轮</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Every pane back to the same initial weights; epoch 0</source>
        <translation>所有窗格回到相同的初始权重；回到第 0 轮</translation>
    </message>
    <message>
        <source>Epochs per second of every pane, up to as fast as they go</source>
        <translation>每个窗格每秒训练的轮数，最高为它们所能达到的最快速度</translation>
    </message>
    <message>
        <source>The panes train in lockstep: none runs more than about a quarter second of training ahead of the slowest, and Pause stops them all at the same epoch, so their pictures and curves are of the same epochs.</source>
        <translation>各窗格同步训练：任何窗格领先最慢的窗格都不超过约四分之一秒的训练量，暂停时全部停在同一轮，因此它们的图和曲线对应相同的轮次。</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
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
        <source>%1 epochs/s</source>
        <translation>%1 轮/秒</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <source>Epochs %1 to %2</source>
        <translation>第 %1 到 %2 轮</translation>
    </message>
</context>
<context>
    <name>moelab::ControlPanel</name>
    <message>
        <source>CSV: %1</source>
        <translation>CSV：%1</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Learning</source>
        <translation>学习</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
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
    <message>
        <source>Vowels [i] [I] [a] [A] (the paper&apos;s)</source>
        <translation>元音 [i] [I] [a] [A]（论文所用）</translation>
    </message>
    <message>
        <source>Peterson &amp; Barney (1952): four vowels by their formants F1 and F2, the task of Jacobs et al. (1991); split by speaker.</source>
        <translation>Peterson 与 Barney（1952）：以共振峰 F1、F2 区分的四个元音，即 Jacobs 等（1991）的任务；按说话人划分训练集与测试集。</translation>
    </message>
    <message>
        <source>Vowels, all ten</source>
        <translation>元音（全部十个）</translation>
    </message>
    <message>
        <source>Peterson &amp; Barney (1952): all ten vowels by F1 and F2; split by speaker.</source>
        <translation>Peterson 与 Barney（1952）：以 F1、F2 区分的全部十个元音；按说话人划分。</translation>
    </message>
    <message>
        <source>Blobs</source>
        <translation>高斯团</translation>
    </message>
    <message>
        <source>Two Gaussian blobs that one straight line separates.</source>
        <translation>两个可由一条直线分开的高斯团。</translation>
    </message>
    <message>
        <source>XOR</source>
        <translation>异或（XOR）</translation>
    </message>
    <message>
        <source>Four quadrants, opposite quadrants in the same class: no line separates them.</source>
        <translation>四个象限，相对的象限属于同一类：没有任何一条直线能把它们分开。</translation>
    </message>
    <message>
        <source>Circles</source>
        <translation>同心圆</translation>
    </message>
    <message>
        <source>A disc inside a ring.</source>
        <translation>圆环包围着一个圆盘。</translation>
    </message>
    <message>
        <source>Moons</source>
        <translation>双月</translation>
    </message>
    <message>
        <source>Two interleaved half circles.</source>
        <translation>两个交错的半圆。</translation>
    </message>
    <message>
        <source>Spiral</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>Two spiral arms wound around each other.</source>
        <translation>两条相互缠绕的螺旋臂。</translation>
    </message>
    <message>
        <source>Checkerboard</source>
        <translation>棋盘</translation>
    </message>
    <message>
        <source>A 4 x 4 checkerboard of two classes.</source>
        <translation>两个类别组成的 4 × 4 棋盘。</translation>
    </message>
    <message>
        <source>Two regions</source>
        <translation>两个区域</translation>
    </message>
    <message>
        <source>Two classes, each two elongated clusters in two regions: one line per region separates them, no single line does (the case for local experts).</source>
        <translation>两个类别，每类在两个区域各有一个细长的簇：每个区域内一条直线即可分开，但单独一条直线做不到（正适合局部专家）。</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>Optimizer settings, auxiliary losses, precision, threads and the metrics interval</source>
        <translation>优化器参数、辅助损失、数值精度、线程数和指标间隔</translation>
    </message>
    <message>
        <source>The same seed also generates and splits the data.</source>
        <translation>同一个种子也用于生成和划分数据。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1: not applied, %2</source>
        <translation>%1：未应用，应为 %2</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>未应用：%1</translation>
    </message>
    <message>
        <source>Fashion-MNIST (784 pixels)</source>
        <translation>Fashion-MNIST（784 个像素）</translation>
    </message>
    <message>
        <source>Xiao, Rasul &amp; Vollgraf (2017): 28 x 28 grey images of clothing in ten classes; 60000 training and 10000 test images (Cases takes the first so many training images). Shown as the routing table, and projected on its first two principal components.</source>
        <translation>Xiao、Rasul 与 Vollgraf（2017）：28 × 28 的灰度服装图像，共十个类别；60000 张训练图像和 10000 张测试图像（“样本数”只取前若干张训练图像）。以路由表显示，并可投影到前两个主成分上。</translation>
    </message>
    <message>
        <source>Drawn data</source>
        <translation>绘制的数据</translation>
    </message>
    <message>
        <source>Points drawn on the plane (Data &gt; Draw your own data...); every point trains.</source>
        <translation>在平面上绘制的点（数据 &gt; 绘制自己的数据…）；每个点都参与训练。</translation>
    </message>
    <message>
        <source>Regression: |x| (two pieces)</source>
        <translation>回归：|x|（两段）</translation>
    </message>
    <message>
        <source>y = |x| + noise: two straight pieces meeting at 0; one linear expert per piece fits it. Drawn as a curve with the experts&apos; lines.</source>
        <translation>y = |x| + 噪声：两段直线在 0 处相接；每段由一个线性专家拟合。以曲线及各专家的直线显示。</translation>
    </message>
    <message>
        <source>Regression: sine</source>
        <translation>回归：正弦</translation>
    </message>
    <message>
        <source>y = sin(pi x) + noise, one period on [-1, 1].</source>
        <translation>y = sin(pi x) + 噪声，在 [-1, 1] 上一个周期。</translation>
    </message>
    <message>
        <source>Regression: step</source>
        <translation>回归：阶跃</translation>
    </message>
    <message>
        <source>y = 0 for x &lt; 0 and 1 for x &gt;= 0, plus noise, on [-1, 1].</source>
        <translation>x &lt; 0 时 y = 0，x &gt;= 0 时 y = 1，另加噪声，区间 [-1, 1]。</translation>
    </message>
</context>
<context>
    <name>moelab::CriterionControl</name>
    <message>
        <source>training accuracy at least</source>
        <translation>训练准确率至少为</translation>
    </message>
    <message>
        <source>training error at most</source>
        <translation>训练误差至多为</translation>
    </message>
    <message>
        <source>When a run counts as having learnt the vowels (moelab-cli reproduce --criterion-kind). Accuracy: its training accuracy is at or above the threshold (default 0.88). Error: the mean squared error of its output on the training set (eq. 1&apos;s |d - o|² per case, summed over the four outputs) is at or below the threshold (default 0.2), an error criterion of the kind the paper names; it is stricter, so the runs need more epochs.</source>
        <translation>一次运行何时算作学会了元音（即 moelab-cli reproduce --criterion-kind）。准确率：其训练准确率达到或高于阈值（默认 0.88）。误差：其输出在训练集上的均方误差（每个样本为式 1 的 |d - o|²，对四个输出求和）达到或低于阈值（默认 0.2），这正是论文所说的那类误差准则；它更严格，因此运行需要更多轮。</translation>
    </message>
    <message>
        <source>The threshold: a training accuracy from 0 to 1, or a mean squared error above 0 and at most 2 (moelab-cli reproduce --criterion).</source>
        <translation>阈值：0 到 1 之间的训练准确率，或大于 0、至多为 2 的均方误差（即 moelab-cli reproduce --criterion）。</translation>
    </message>
</context>
<context>
    <name>moelab::DrawTool</name>
    <message>
        <source>Click: add a point of the selected class. Right-click: remove a point. Drag a point: move it. Wheel: zoom.</source>
        <translation>单击：添加所选类别的点。右键单击：删除点。拖动点：移动它。滚轮：缩放。</translation>
    </message>
</context>
<context>
    <name>moelab::DrawnData</name>
    <message>
        <source>Add point</source>
        <translation>添加点</translation>
    </message>
    <message>
        <source>Remove point</source>
        <translation>删除点</translation>
    </message>
    <message>
        <source>Move point</source>
        <translation>移动点</translation>
    </message>
</context>
<context>
    <name>moelab::EquationPanel</name>
    <message>
        <source>Cooperative loss (eq. 1)</source>
        <translation>协作式损失（式 1）</translation>
    </message>
    <message>
        <source>Every expert is corrected by the error of the blend %1, not by its own: each learns to make up for the others&apos; residuals, so the experts stay entangled. (%2 = %1 is the mixture&apos;s output.)</source>
        <translation>每个专家按混合输出 %1 的误差来修正，而不是按它自己的误差：每个专家都在学着弥补其他专家的残差，所以专家之间始终纠缠在一起。（%2 = %1 是混合模型的输出。）</translation>
    </message>
    <message>
        <source>Competitive loss (eq. 2)</source>
        <translation>竞争式损失（式 2）</translation>
    </message>
    <message>
        <source>Each expert gives a whole answer and is corrected by its own error, weighted by the gate&apos;s %1; the gate moves towards the experts whose error %2 is below the average. The experts decouple.</source>
        <translation>每个专家给出完整的答案，并按它自己的误差修正，权重是门控的 %1；门控偏向误差 %2 低于平均值的专家。专家之间彼此解耦。</translation>
    </message>
    <message>
        <source>Competitive log-likelihood (eq. 3)</source>
        <translation>竞争式对数似然（式 3）</translation>
    </message>
    <message>
        <source>Each expert is corrected by its own error, weighted by its responsibility %1: the gate&apos;s posterior belief that expert i produced this case. The expert that already fits best takes the case, which speeds up early learning and makes the experts specialise.</source>
        <translation>每个专家按它自己的误差修正，权重是它的责任度 %1：即门控的后验判断，认为这个样本由专家 i 产生的概率。已经拟合得最好的专家接下这个样本，这加快了早期学习，并使专家各有专长。</translation>
    </message>
    <message>
        <source>Mixture negative log-likelihood (categorical form of eq. 3)</source>
        <translation>混合负对数似然（式 3 的分类形式）</translation>
    </message>
    <message>
        <source>The classification form of eq. 3: expert i&apos;s class probabilities %1 are the likelihood. Each expert is corrected, through its softmax, by its own error weighted by its responsibility %2.</source>
        <translation>式 3 的分类形式：专家 i 的类别概率 %1 就是似然。每个专家经由它的 softmax，按它自己的误差修正，权重是它的责任度 %2。</translation>
    </message>
    <message>
        <source>For one case: %1 is the target (one-hot), %2 expert i&apos;s output (class probabilities), %3 the gate&apos;s probability for expert i, %4 its logit.</source>
        <translation>对一个样本：%1 是目标（独热编码），%2 是专家 i 的输出（类别概率），%3 是门控给专家 i 的概率，%4 是它的 logit。</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Gradient for expert i</source>
        <translation>专家 i 的梯度</translation>
    </message>
    <message>
        <source>with the responsibility</source>
        <translation>其中责任度为</translation>
    </message>
    <message>
        <source>Gradient for the gate</source>
        <translation>门控的梯度</translation>
    </message>
    <message>
        <source>A network has no gate: N = 1 and %1 = 1, so the loss is the network&apos;s own.</source>
        <translation>网络没有门控：N = 1 且 %1 = 1，所以损失就是网络自身的损失。</translation>
    </message>
    <message>
        <source>Top-%1 routing: the sums run over the %1 experts the gate picks for this case, %2 is renormalised over them, and the other %3 experts get no gradient from it.</source>
        <translation>Top-%1 路由：求和只遍及门控为这个样本选出的 %1 个专家，%2 在它们之间重新归一化，其余 %3 个专家从这个样本得不到梯度。</translation>
    </message>
    <message>
        <source>A shared expert takes a fixed weight of every case beside the routed ones.</source>
        <translation>共享专家在路由到的专家之外，对每个样本都占一份固定权重。</translation>
    </message>
    <message>
        <source>Plus %1 &amp;middot; N %2%3 %4 (load balancing, Switch Transformer): %3 is the share of the batch routed to expert i, %4 its mean gate probability.</source>
        <translation>加上 %1 &amp;middot; N %2%3 %4（负载均衡，Switch Transformer）：%3 是批次中路由到专家 i 的比例，%4 是它的平均门控概率。</translation>
    </message>
    <message>
        <source>Plus %1 &amp;middot; CV(%2%3)&lt;sup&gt;2&lt;/sup&gt; (importance, Shazeer et al. 2017).</source>
        <translation>加上 %1 &amp;middot; CV(%2%3)&lt;sup&gt;2&lt;/sup&gt;（重要性，Shazeer 等，2017）。</translation>
    </message>
    <message>
        <source>Plus %1 &amp;middot; CV(load)&lt;sup&gt;2&lt;/sup&gt; (load, Shazeer et al. 2017), through which the noise learns.</source>
        <translation>加上 %1 &amp;middot; CV(负载)&lt;sup&gt;2&lt;/sup&gt;（负载，Shazeer 等，2017），噪声通过它来学习。</translation>
    </message>
    <message>
        <source>Plus %1 &amp;middot; the sample-similarity term (Krishnamurthy et al. 2023).</source>
        <translation>加上 %1 &amp;middot; 样本相似度项（Krishnamurthy 等，2023）。</translation>
    </message>
    <message>
        <source>eq. 1</source>
        <translation>式 1</translation>
    </message>
    <message>
        <source>the blend&apos;s error: experts compensate</source>
        <translation>混合输出的误差：专家互相补偿</translation>
    </message>
    <message>
        <source>eq. 2</source>
        <translation>式 2</translation>
    </message>
    <message>
        <source>its own error, times the gate&apos;s weight</source>
        <translation>自己的误差，乘以门控权重</translation>
    </message>
    <message>
        <source>eq. 3</source>
        <translation>式 3</translation>
    </message>
    <message>
        <source>its own error, times its responsibility</source>
        <translation>自己的误差，乘以责任度</translation>
    </message>
    <message>
        <source>NLL</source>
        <translation>负对数似然</translation>
    </message>
    <message>
        <source>as eq. 3, through the softmax</source>
        <translation>同式 3，经由 softmax</translation>
    </message>
    <message>
        <source>What expert i learns from</source>
        <translation>专家 i 从什么中学习</translation>
    </message>
    <message>
        <source>The mixture NLL is the loss of classes: a regression set does not train with it. Its Gaussian form is eq. 3:</source>
        <translation>混合负对数似然是分类的损失：回归数据集不用它训练。它的高斯形式是式 3：</translation>
    </message>
    <message>
        <source>Cooperative loss (eq. 1), regression</source>
        <translation>协作式损失（式 1），回归</translation>
    </message>
    <message>
        <source>The experts&apos; outputs add up to one prediction %1 = %2. Every expert is corrected by the error of that prediction, not by its own: each learns to make up for the others&apos; residuals, so the experts stay entangled.</source>
        <translation>各专家的输出相加得到一个预测 %1 = %2。每个专家按这个预测的误差来修正，而不是按它自己的误差：每个专家都在学着弥补其他专家的残差，所以专家之间始终纠缠在一起。</translation>
    </message>
    <message>
        <source>Competitive loss (eq. 2), regression</source>
        <translation>竞争式损失（式 2），回归</translation>
    </message>
    <message>
        <source>Each expert gives a whole prediction and is corrected by its own error, weighted by the gate&apos;s %1; the gate moves towards the experts whose squared error %2 is below the average. The experts decouple, each fitting its own stretch of the curve.</source>
        <translation>每个专家给出完整的预测，并按它自己的误差修正，权重是门控的 %1；门控偏向平方误差 %2 低于平均值的专家。专家之间彼此解耦，各自拟合曲线的一段。</translation>
    </message>
    <message>
        <source>Competitive log-likelihood (eq. 3), regression</source>
        <translation>竞争式对数似然（式 3），回归</translation>
    </message>
    <message>
        <source>Each expert is a Gaussian of unit variance around its output; it is corrected by its own error, weighted by its responsibility %1: the gate&apos;s posterior belief that expert i produced this case. The expert that already fits best takes the case, so the experts split the input axis between them.</source>
        <translation>每个专家是以其输出为均值、方差为 1 的高斯分布；它按自己的误差修正，权重是它的责任度 %1：即门控的后验判断，认为这个样本由专家 i 产生的概率。已经拟合得最好的专家接下这个样本，于是专家们把输入轴分成各自的区段。</translation>
    </message>
    <message>
        <source>Regression, for one case: %1 is the target (a real number), %2 expert i&apos;s output (the mean of its Gaussian), %3 the gate&apos;s probability for expert i, %4 its logit.</source>
        <translation>回归，对一个样本：%1 是目标（一个实数），%2 是专家 i 的输出（其高斯分布的均值），%3 是门控给专家 i 的概率，%4 是它的 logit。</translation>
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
        <translation>专家%1  %2 %</translation>
    </message>
    <message>
        <source>Alone, right on %1 % of those cases (under eq. 1 experts lean on each other and this stays low)</source>
        <translation>单独预测时，在这些样本中答对 %1 %（在式 1 下专家彼此依赖，这个数会一直偏低）</translation>
    </message>
    <message>
        <source>alone %1 %</source>
        <translation>单独 %1 %</translation>
    </message>
</context>
<context>
    <name>moelab::ExportDialog</name>
    <message>
        <source>Export figure</source>
        <translation>导出图</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <source>1× (screen)</source>
        <translation>1×（屏幕）</translation>
    </message>
    <message>
        <source>2× (slides)</source>
        <translation>2×（幻灯片）</translation>
    </message>
    <message>
        <source>3× (print)</source>
        <translation>3×（印刷）</translation>
    </message>
    <message>
        <source>4× (poster)</source>
        <translation>4×（海报）</translation>
    </message>
    <message>
        <source>PNG pixels per figure pixel. SVG is resolution-independent.</source>
        <translation>每个图像素对应的 PNG 像素数。SVG 与分辨率无关。</translation>
    </message>
    <message>
        <source>Scale:</source>
        <translation>缩放：</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <source>SVG vector drawing</source>
        <translation>SVG 矢量图</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Paper style (black on white, like the 1991 figure)</source>
        <translation>论文风格（白底黑线，如 1991 年论文中的图）</translation>
    </message>
    <message>
        <source>Include the expert gallery</source>
        <translation>包含专家图库</translation>
    </message>
    <message>
        <source>Include the metric charts</source>
        <translation>包含指标图表</translation>
    </message>
    <message>
        <source>Choose file...</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Custom size</source>
        <translation>自定义尺寸</translation>
    </message>
    <message>
        <source>Slide 16:9 (1920 × 1080)</source>
        <translation>幻灯片 16:9（1920 × 1080）</translation>
    </message>
    <message>
        <source>Slide 16:9, 4K (3840 × 2160)</source>
        <translation>幻灯片 16:9，4K（3840 × 2160）</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
</context>
<context>
    <name>moelab::InspectTool</name>
    <message>
        <source>Hover: the Inspector follows the mouse. Click: pin the point. Right-click: follow the mouse again.</source>
        <translation>悬停：检查器跟随鼠标。单击：固定该点。右键单击：恢复跟随鼠标。</translation>
    </message>
</context>
<context>
    <name>moelab::Knobs</name>
    <message>
        <source>A mixture of experts, or one backprop network of the experts&apos; hidden widths (the paper&apos;s baseline)</source>
        <translation>混合专家模型，或一个隐藏层宽度与专家相同的反向传播网络（论文中的基线）</translation>
    </message>
    <message>
        <source>Mixture of experts</source>
        <translation>混合专家</translation>
    </message>
    <message>
        <source>Experts and a gate that weighs them</source>
        <translation>若干专家和一个为它们加权的门控网络</translation>
    </message>
    <message>
        <source>Network (backprop)</source>
        <translation>网络（反向传播）</translation>
    </message>
    <message>
        <source>One network with the hidden widths of --hidden and no gate, as the paper&apos;s &quot;BP 6 hid&quot;</source>
        <translation>一个隐藏层宽度由 --hidden 给出、没有门控的网络，即论文中的“BP 6 hid”</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>The data to learn: a built-in or generated set, or a CSV file</source>
        <translation>要学习的数据：内置数据集、生成的数据集或 CSV 文件</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Cases of a generated dataset, or the first so many Fashion-MNIST training images</source>
        <translation>生成数据集的样本数，或只取 Fashion-MNIST 的前若干张训练图像</translation>
    </message>
    <message>
        <source>the dataset&apos;s own size</source>
        <translation>数据集自身的大小</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Noise of a generated dataset</source>
        <translation>生成数据集的噪声水平</translation>
    </message>
    <message>
        <source>Data seed</source>
        <translation>数据种子</translation>
    </message>
    <message>
        <source>Seed of a generated dataset and of the split of generated and CSV sets</source>
        <translation>生成数据集所用的随机种子，也决定生成数据集和 CSV 数据集的划分</translation>
    </message>
    <message>
        <source>Test share</source>
        <translation>测试比例</translation>
    </message>
    <message>
        <source>Share of each class held out for testing (the vowels come split by speaker)</source>
        <translation>每个类别留作测试的比例（元音数据已按说话人划分）</translation>
    </message>
    <message>
        <source>Label column</source>
        <translation>标签列</translation>
    </message>
    <message>
        <source>Label column of a CSV dataset</source>
        <translation>CSV 数据集的标签列</translation>
    </message>
    <message>
        <source>the last column</source>
        <translation>最后一列</translation>
    </message>
    <message>
        <source>Experts</source>
        <translation>专家数</translation>
    </message>
    <message>
        <source>Number of expert networks N</source>
        <translation>专家网络的数量 N</translation>
    </message>
    <message>
        <source>Top-K</source>
        <translation>Top-K</translation>
    </message>
    <message>
        <source>Experts each case is routed to: the K largest gate outputs are kept and renormalised; K = N is the dense gate of 1991</source>
        <translation>每个样本路由到的专家数：保留门控输出中最大的 K 个并重新归一化；K = N 即 1991 年论文中的稠密门控</translation>
    </message>
    <message>
        <source>dense</source>
        <translation>稠密</translation>
    </message>
    <message>
        <source>Expert hidden layers</source>
        <translation>专家隐藏层</translation>
    </message>
    <message>
        <source>Widths of each expert&apos;s tanh hidden layers, e.g. 16,8; 0 makes the experts linear</source>
        <translation>每个专家各 tanh 隐藏层的宽度，例如 16,8；0 表示专家为线性模型</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>门控</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>A softmax of a linear function of the input</source>
        <translation>对输入的线性函数取 softmax</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>多层感知机</translation>
    </message>
    <message>
        <source>A softmax of a small tanh network</source>
        <translation>对一个小型 tanh 网络的输出取 softmax</translation>
    </message>
    <message>
        <source>Gate hidden layers</source>
        <translation>门控隐藏层</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>What training minimises: the paper&apos;s eq. 1, 2 or 3, or the mixture&apos;s negative log-likelihood</source>
        <translation>训练所最小化的目标：论文中的式 1、2 或 3，或混合模型的负对数似然</translation>
    </message>
    <message>
        <source>Cooperative (eq. 1)</source>
        <translation>协作式（式 1）</translation>
    </message>
    <message>
        <source>Experts add up to one answer; each learns the others&apos; residual</source>
        <translation>各专家的输出相加成一个答案；每个专家学习其他专家的残差</translation>
    </message>
    <message>
        <source>Competitive (eq. 2)</source>
        <translation>竞争式（式 2）</translation>
    </message>
    <message>
        <source>Each expert gives a whole answer and the gate picks one</source>
        <translation>每个专家各自给出完整答案，由门控选择其一</translation>
    </message>
    <message>
        <source>Competitive log-likelihood (eq. 3)</source>
        <translation>竞争式对数似然（式 3）</translation>
    </message>
    <message>
        <source>As eq. 2, but each expert learns in proportion to its posterior responsibility</source>
        <translation>与式 2 相同，但每个专家按其后验责任度的比例学习</translation>
    </message>
    <message>
        <source>Mixture NLL</source>
        <translation>混合负对数似然</translation>
    </message>
    <message>
        <source>Negative log-likelihood of the mixture&apos;s class probability</source>
        <translation>混合模型对正确类别概率的负对数似然</translation>
    </message>
    <message>
        <source>Load balancing</source>
        <translation>负载均衡</translation>
    </message>
    <message>
        <source>Weight of the load-balancing loss (Switch Transformer), which pushes the gate to use every expert equally</source>
        <translation>负载均衡损失（Switch Transformer）的权重，促使门控均等地使用每个专家</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Importance</source>
        <translation>重要性</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>How a gradient changes the weights</source>
        <translation>梯度如何更新权重</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD（随机梯度下降）</translation>
    </message>
    <message>
        <source>Plain gradient descent</source>
        <translation>普通梯度下降</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Gradient descent with momentum</source>
        <translation>带动量的梯度下降</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>Adaptive moment estimation (Kingma &amp; Ba 2015)</source>
        <translation>自适应矩估计（Kingma 与 Ba，2015）</translation>
    </message>
    <message>
        <source>FTRL</source>
        <translation>FTRL</translation>
    </message>
    <message>
        <source>Follow the regularised leader, proximal (McMahan et al. 2013)</source>
        <translation>近端“跟随正则化领先者”算法（McMahan 等，2013）</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Step size of the optimizer</source>
        <translation>优化器的步长</translation>
    </message>
    <message>
        <source>Momentum of the momentum optimizer</source>
        <translation>动量优化器的动量系数</translation>
    </message>
    <message>
        <source>Adam β1</source>
        <translation>Adam β1</translation>
    </message>
    <message>
        <source>Adam&apos;s decay of the mean gradient</source>
        <translation>Adam 中梯度均值的衰减率</translation>
    </message>
    <message>
        <source>Adam β2</source>
        <translation>Adam β2</translation>
    </message>
    <message>
        <source>Adam&apos;s decay of the squared gradient</source>
        <translation>Adam 中梯度平方的衰减率</translation>
    </message>
    <message>
        <source>Adam ε</source>
        <translation>Adam ε</translation>
    </message>
    <message>
        <source>Adam&apos;s epsilon, added to the root of the squared gradient</source>
        <translation>Adam 的 ε，加在梯度平方的平方根上</translation>
    </message>
    <message>
        <source>FTRL β</source>
        <translation>FTRL β</translation>
    </message>
    <message>
        <source>FTRL&apos;s beta, which smooths each weight&apos;s learning rate</source>
        <translation>FTRL 的 β，用于平滑每个权重的学习率</translation>
    </message>
    <message>
        <source>FTRL L1</source>
        <translation>FTRL L1</translation>
    </message>
    <message>
        <source>FTRL&apos;s L1 strength, which sets small weights to exactly zero</source>
        <translation>FTRL 的 L1 正则强度，会把较小的权重置为零</translation>
    </message>
    <message>
        <source>FTRL L2</source>
        <translation>FTRL L2</translation>
    </message>
    <message>
        <source>FTRL&apos;s L2 strength, which shrinks every weight</source>
        <translation>FTRL 的 L2 正则强度，会收缩所有权重</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>Cases per optimizer step</source>
        <translation>每次优化步使用的样本数</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>全批量</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Passes over the training data</source>
        <translation>遍历训练数据的次数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Seed of the initial weights and the batch order</source>
        <translation>初始权重和批次顺序的随机种子</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <source>Threads of this training</source>
        <translation>本次训练使用的线程数</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Floating-point precision of the training arithmetic</source>
        <translation>训练运算的浮点精度</translation>
    </message>
    <message>
        <source>float (32-bit)</source>
        <translation>float（32 位）</translation>
    </message>
    <message>
        <source>Single precision: faster</source>
        <translation>单精度：更快</translation>
    </message>
    <message>
        <source>double (64-bit)</source>
        <translation>double（64 位）</translation>
    </message>
    <message>
        <source>Double precision: closer to exact</source>
        <translation>双精度：更接近精确值</translation>
    </message>
    <message>
        <source>Metrics every</source>
        <translation>指标间隔</translation>
    </message>
    <message>
        <source>Full metrics (accuracies, gate statistics) every so many epochs</source>
        <translation>每隔多少轮计算一次完整指标（准确率、门控统计）</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>A change reloads the data and starts from new weights.</source>
        <translation>更改后会重新加载数据，并从新的权重开始。</translation>
    </message>
    <message>
        <source>A change starts from new weights.</source>
        <translation>更改后会从新的权重开始。</translation>
    </message>
    <message>
        <source>A change applies at the next step; the weights stay.</source>
        <translation>更改在下一步生效；权重保持不变。</translation>
    </message>
    <message>
        <source>Read when a run starts.</source>
        <translation>在运行开始时读取。</translation>
    </message>
    <message>
        <source>Weight of the importance loss (Shazeer et al. 2017): the squared coefficient of variation of the experts&apos; total gate weights</source>
        <translation>重要性损失（Shazeer 等，2017）的权重：各专家门控权重总和的变异系数的平方</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>路由方式</translation>
    </message>
    <message>
        <source>How cases meet experts: each case picks its K experts, or each expert picks its cases of the batch (expert-choice routing, Zhou et al. 2022)</source>
        <translation>样本与专家如何配对：每个样本挑选它的 K 个专家，或者每个专家从批次中挑选它的样本（专家选择路由，Zhou 等，2022）</translation>
    </message>
    <message>
        <source>Top-K (each case picks experts)</source>
        <translation>Top-K（样本选专家）</translation>
    </message>
    <message>
        <source>Each case goes to the K experts with the largest gate outputs</source>
        <translation>每个样本交给门控输出最大的 K 个专家</translation>
    </message>
    <message>
        <source>Expert choice (each expert picks cases)</source>
        <translation>专家选择（专家选样本）</translation>
    </message>
    <message>
        <source>Each expert takes the cases of the batch it scores highest (Zhou et al. 2022): the load is even by construction, and a case may get no expert or several</source>
        <translation>每个专家接收批次中它打分最高的样本（Zhou 等，2022）：负载天然均衡，一个样本可能没有专家，也可能有多个</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>专家容量</translation>
    </message>
    <message>
        <source>Expert capacity (Switch Transformer): each expert takes at most F×K×B/N cases of a training batch of B; the rest are dropped from it (expert choice: exactly that many, 0 counting as 1)</source>
        <translation>专家容量（Switch Transformer）：在大小为 B 的训练批次中，每个专家最多接收 F×K×B/N 个样本，多出的样本不再交给该专家（专家选择路由：恰好接收这么多，0 按 1 计）</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Shared expert</source>
        <translation>共享专家</translation>
    </message>
    <message>
        <source>A shared expert every case uses beside its routed experts (DeepSeek-MoE)</source>
        <translation>一个共享专家：每个样本除了路由到的专家之外都会用到它（DeepSeek-MoE）</translation>
    </message>
    <message>
        <source>The gating network: a linear softmax, a small tanh network, or attention from its hidden layer to the experts&apos;</source>
        <translation>门控网络：线性 softmax、小型 tanh 网络，或者从门控的隐藏层到各专家隐藏层的注意力</translation>
    </message>
    <message>
        <source>Attentive</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>q(x) · k_i(x) / √h: the gate&apos;s hidden layer attends to each expert&apos;s hidden layer (Krishnamurthy et al. 2023); needs experts with hidden layers</source>
        <translation>q(x) · k_i(x) / √h：门控的隐藏层对每个专家的隐藏层做注意力（Krishnamurthy 等，2023）；需要专家带有隐藏层</translation>
    </message>
    <message>
        <source>Widths of the tanh hidden layers of the MLP gate, or of the attentive gate&apos;s query network, e.g. 8</source>
        <translation>多层感知机门控的 tanh 隐藏层宽度，或注意力门控中查询网络的隐藏层宽度，例如 8</translation>
    </message>
    <message>
        <source>Noisy gate</source>
        <translation>噪声门控</translation>
    </message>
    <message>
        <source>Noisy top-K gating (Shazeer et al. 2017): learned Gaussian noise on the gate&apos;s logits during training</source>
        <translation>带噪声的 Top-K 门控（Shazeer 等，2017）：训练时在门控的 logits 上加入可学习的高斯噪声</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>负载损失</translation>
    </message>
    <message>
        <source>Weight of the load loss (Shazeer et al. 2017): the squared coefficient of variation of the experts&apos; smooth loads, through which the gate&apos;s noise learns; acts only with the noisy gate</source>
        <translation>负载损失（Shazeer 等，2017）的权重：各专家平滑负载的变异系数的平方，门控的噪声通过它来学习；仅在打开噪声门控时起作用</translation>
    </message>
    <message>
        <source>Sample similarity</source>
        <translation>样本相似度</translation>
    </message>
    <message>
        <source>Weight of the sample-similarity loss (Krishnamurthy et al. 2023): similar cases pushed towards the same experts, dissimilar ones towards different experts</source>
        <translation>样本相似度损失（Krishnamurthy 等，2023）的权重：把相似的样本推向相同的专家，把不相似的样本推向不同的专家</translation>
    </message>
</context>
<context>
    <name>moelab::MainWindow</name>
    <message>
        <source>MoE Lab: adaptive mixtures of local experts</source>
        <translation>MoE Lab：局部专家的自适应混合</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>控制面板</translation>
    </message>
    <message>
        <source>Experts</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>Learning curves</source>
        <translation>学习曲线</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open CSV...</source>
        <translation>打开 CSV(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Export figure...</source>
        <translation>导出图(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Copy figure</source>
        <translation>复制图(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Export &amp;metrics CSV...</source>
        <translation>导出指标 CSV(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Gate regions</source>
        <translation>门控区域(&amp;G)</translation>
    </message>
    <message>
        <source>Tint by predicted &amp;class</source>
        <translation>按预测类别着色(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Expert boundaries</source>
        <translation>专家边界(&amp;E)</translation>
    </message>
    <message>
        <source>Gate &amp;boundaries</source>
        <translation>门控边界(&amp;B)</translation>
    </message>
    <message>
        <source>Data &amp;points</source>
        <translation>数据点(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Test points</source>
        <translation>测试点(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Legend</source>
        <translation>图例(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Phonetic orientation (F2 across, F1 down)</source>
        <translation>语音学方向（F2 横轴，F1 纵轴向下）(&amp;P)</translation>
    </message>
    <message>
        <source>Pape&amp;r style</source>
        <translation>论文风格(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>重置缩放(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About MoE Lab</source>
        <translation>关于 MoE Lab(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <source>%1 epochs/s</source>
        <translation>%1 轮/秒</translation>
    </message>
    <message>
        <source>Training diverged</source>
        <translation>训练发散</translation>
    </message>
    <message>
        <source>Cannot apply the change</source>
        <translation>无法应用此更改</translation>
    </message>
    <message>
        <source>Open a CSV data set</source>
        <translation>打开 CSV 数据集</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Loading %1...</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>There is no model to draw yet.</source>
        <translation>还没有可以绘制的模型。</translation>
    </message>
    <message>
        <source>Export figure</source>
        <translation>导出图</translation>
    </message>
    <message>
        <source>moelab-figure.svg</source>
        <translation>moelab-figure.svg</translation>
    </message>
    <message>
        <source>moelab-figure.png</source>
        <translation>moelab-figure.png</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Figure written to %1</source>
        <translation>图已写入 %1</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Figure copied to the clipboard</source>
        <translation>图已复制到剪贴板</translation>
    </message>
    <message>
        <source>Export metrics</source>
        <translation>导出指标</translation>
    </message>
    <message>
        <source>moelab-metrics.csv</source>
        <translation>moelab-metrics.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Metrics written to %1</source>
        <translation>指标已写入 %1</translation>
    </message>
    <message>
        <source>About MoE Lab</source>
        <translation>关于 MoE Lab</translation>
    </message>
    <message>
        <source>&lt;h3&gt;MoE Lab&lt;/h3&gt;&lt;p&gt;Watch a mixture of experts learn: each expert&apos;s decision boundary and the gate&apos;s regions move while it trains.&lt;/p&gt;&lt;p&gt;After R. A. Jacobs, M. I. Jordan, S. J. Nowlan and G. E. Hinton, &lt;i&gt;Adaptive Mixtures of Local Experts&lt;/i&gt;, Neural Computation 3, 79-87 (1991). Vowel data: Peterson &amp;amp; Barney (1952).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;MoE Lab&lt;/h3&gt;&lt;p&gt;观察混合专家模型如何学习：训练过程中，每个专家的决策边界和门控的区域都在移动。&lt;/p&gt;&lt;p&gt;依据 R. A. Jacobs、M. I. Jordan、S. J. Nowlan 与 G. E. Hinton，&lt;i&gt;Adaptive Mixtures of Local Experts&lt;/i&gt;（局部专家的自适应混合），Neural Computation 3, 79-87 (1991)。元音数据：Peterson &amp;amp; Barney (1952)。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Routing table</source>
        <translation>路由表</translation>
    </message>
    <message>
        <source>Plane</source>
        <translation>平面</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>Projection (PCA)</source>
        <translation>投影（主成分分析）</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Play / pause</source>
        <translation>播放 / 暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Step one epoch</source>
        <translation>单步一轮(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>重置(&amp;R)</translation>
    </message>
    <message>
        <source>Equations</source>
        <translation>公式</translation>
    </message>
    <message>
        <source>E&amp;xperiments</source>
        <translation>实验(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Reproduce the paper (Table 1)...</source>
        <translation>复现论文（表 1）(&amp;R)…</translation>
    </message>
    <message>
        <source>Export re&amp;play...</source>
        <translation>导出回放(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Settings...</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Compare...</source>
        <translation>比较(&amp;C)…</translation>
    </message>
    <message>
        <source>Replay written to %1</source>
        <translation>回放已写入 %1</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>&amp;Scenarios</source>
        <translation>场景(&amp;S)</translation>
    </message>
    <message>
        <source>Curve</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Compare mode shows classifications side by side; a regression set is shown in the curve view. Change the loss and press Reset to compare eq. 1 and eq. 3 here.</source>
        <translation>比较模式并排显示分类任务；回归数据集在曲线视图中显示。要在这里比较式 1 和式 3，请更换损失并按“重置”。</translation>
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
        <source>Expert %1</source>
        <translation>专家 %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Entropies</source>
        <translation>熵</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>门控</translation>
    </message>
    <message>
        <source>log2 N</source>
        <translation>log2 N</translation>
    </message>
    <message>
        <source>bits</source>
        <translation>比特</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>差距</translation>
    </message>
    <message>
        <source>H(expert|class)</source>
        <translation>H(专家|类别)</translation>
    </message>
    <message>
        <source>Accuracy of the mixture on the training and test cases, and (dotted) of the gate&apos;s top expert alone on the training cases. The shaded gap is what the experts only achieve together: wide under eq. 1, closed under eq. 3.</source>
        <translation>混合模型在训练集和测试集上的准确率，以及（点线）门控首选专家单独在训练集上的准确率。阴影部分是专家们只有合作才能达到的差距：在式 1 下很宽，在式 3 下闭合。</translation>
    </message>
    <message>
        <source>Top expert</source>
        <translation>首选专家</translation>
    </message>
    <message>
        <source>Gate weight</source>
        <translation>门控权重</translation>
    </message>
</context>
<context>
    <name>moelab::PlaneTools</name>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Mouse tool</source>
        <translation>鼠标工具</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Inspect: hover or click a point of the plane to see the gate, the experts, the responsibilities and the gradient there (the Inspector panel).</source>
        <translation>检查：将鼠标悬停在平面上的某点或单击它，即可在“检查器”面板中查看该点的门控、各专家、后验责任和梯度。</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>绘制</translation>
    </message>
    <message>
        <source>Draw your own data: click adds a point of the selected class, right-click removes one, drag moves one. It trains as you draw.</source>
        <translation>绘制自己的数据：单击添加所选类别的点，右键单击删除点，拖动移动点。边画边训练。</translation>
    </message>
    <message>
        <source>The class of the points you add</source>
        <translation>新添加的点所属的类别</translation>
    </message>
    <message>
        <source> Class: </source>
        <translation> 类别：</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Draw your own data...</source>
        <translation>绘制自己的数据(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Save drawn data as CSV...</source>
        <translation>将绘制的数据保存为 CSV(&amp;S)…</translation>
    </message>
    <message>
        <source>There is no data on the plane yet.</source>
        <translation>平面上还没有数据。</translation>
    </message>
    <message>
        <source>Drawing needs data of two features; %1 has %2.</source>
        <translation>绘制需要两个特征的数据；%1 有 %2 个特征。</translation>
    </message>
    <message>
        <source>Draw: click adds a point, right-click removes one, drag moves one; Ctrl+Z undoes.</source>
        <translation>绘制：单击添加点，右键单击删除点，拖动移动点；Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Draw your own data</source>
        <translation>绘制自己的数据</translation>
    </message>
    <message>
        <source>Start from an empty plane</source>
        <translation>从空白平面开始</translation>
    </message>
    <message>
        <source>Start from the current data</source>
        <translation>从当前数据开始</translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation>类别数：</translation>
    </message>
    <message>
        <source>Cannot draw here</source>
        <translation>无法在此绘制</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Save drawn data as CSV</source>
        <translation>将绘制的数据保存为 CSV</translation>
    </message>
    <message>
        <source>drawn-data.csv</source>
        <translation>drawn-data.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Drawn data written to %1</source>
        <translation>绘制的数据已写入 %1</translation>
    </message>
    <message>
        <source>Cannot save the drawn data</source>
        <translation>无法保存绘制的数据</translation>
    </message>
</context>
<context>
    <name>moelab::PointInspector</name>
    <message>
        <source>Target class c:</source>
        <translation>目标类别 c：</translation>
    </message>
    <message>
        <source>The class d = one-hot(c) stands for in the loss at this point.</source>
        <translation>此点损失中 d = one-hot(c) 所代表的类别。</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>The expert i (its colour on the plane).</source>
        <translation>专家 i（其在平面上的颜色）。</translation>
    </message>
    <message>
        <source>p_i</source>
        <translation>p_i</translation>
    </message>
    <message>
        <source>The gate&apos;s probability of expert i at this point (top K: 0 for an expert that is not routed).</source>
        <translation>门控在此点给专家 i 的概率（top-K：未被路由的专家为 0）。</translation>
    </message>
    <message>
        <source>o_i[c]</source>
        <translation>o_i[c]</translation>
    </message>
    <message>
        <source>Expert i&apos;s probability of the target class c.</source>
        <translation>专家 i 给目标类别 c 的概率。</translation>
    </message>
    <message>
        <source>h_i</source>
        <translation>h_i</translation>
    </message>
    <message>
        <source>The posterior responsibility of expert i for class c: how much of the evidence for c it accounts for. Sums to 1.</source>
        <translation>专家 i 对类别 c 的后验责任：它占类别 c 证据的多少。总和为 1。</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>The factor that weights expert i&apos;s error in the gradient under the current loss: p_i for eq. 1 and eq. 2, h_i for eq. 3, h_i / o_i[c] for the mixture NLL.</source>
        <translation>在当前损失下梯度中给专家 i 的误差加权的因子：式 1 和式 2 为 p_i，式 3 为 h_i，混合负对数似然为 h_i / o_i[c]。</translation>
    </message>
    <message>
        <source>push</source>
        <translation>推动</translation>
    </message>
    <message>
        <source>-dE/do_i[c]: how hard this case&apos;s gradient pushes expert i&apos;s probability of class c up (negative: down).</source>
        <translation>-dE/do_i[c]：此样本的梯度把专家 i 对类别 c 的概率向上推的力度（负值：向下）。</translation>
    </message>
    <message>
        <source>Nearest point&apos;s class</source>
        <translation>最近数据点的类别</translation>
    </message>
    <message>
        <source>The inspector explains points of data with two features.</source>
        <translation>检查器只能解释两个特征的数据中的点。</translation>
    </message>
    <message>
        <source>No model yet.</source>
        <translation>还没有模型。</translation>
    </message>
    <message>
        <source>Move the mouse over the plane; click to pin a point.</source>
        <translation>将鼠标移到平面上；单击可固定一个点。</translation>
    </message>
    <message>
        <source>Pinned at %1. Right-click the plane to follow the mouse.</source>
        <translation>已固定在 %1。右键单击平面可恢复跟随鼠标。</translation>
    </message>
    <message>
        <source>At %1. Click to pin.</source>
        <translation>位于 %1。单击可固定。</translation>
    </message>
    <message>
        <source>Nearest point&apos;s: %1</source>
        <translation>最近数据点的类别：%1</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>共享专家</translation>
    </message>
    <message>
        <source>Expert %1</source>
        <translation>专家 %1</translation>
    </message>
    <message>
        <source>not routed</source>
        <translation>未路由</translation>
    </message>
    <message>
        <source>Outside the top K at this point: weight 0, no gradient.</source>
        <translation>在此点不属于前 K 个专家：权重为 0，没有梯度。</translation>
    </message>
    <message>
        <source>The shared expert&apos;s fixed weight in the mixture.</source>
        <translation>共享专家在混合中的固定权重。</translation>
    </message>
    <message>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <source>eq. 1: every expert is pushed by the mixture&apos;s shared error d - y, weighted by its gate probability p_i (dE/do_i = -p_i (d - y)).</source>
        <translation>式 1：每个专家都被混合模型的共同误差 d - y 推动，并按其门控概率 p_i 加权（dE/do_i = -p_i (d - y)）。</translation>
    </message>
    <message>
        <source>eq. 2: each expert&apos;s own error d - o_i is weighted by its gate probability p_i (dE/do_i = -p_i (d - o_i)).</source>
        <translation>式 2：每个专家自己的误差 d - o_i 按其门控概率 p_i 加权（dE/do_i = -p_i (d - o_i)）。</translation>
    </message>
    <message>
        <source>eq. 3: each expert&apos;s error is weighted by its responsibility h_i (dE/do_i = -h_i (d - o_i)).</source>
        <translation>式 3：每个专家的误差按其后验责任 h_i 加权（dE/do_i = -h_i (d - o_i)）。</translation>
    </message>
    <message>
        <source>Mixture NLL: only class c is pushed, by the responsibility over the expert&apos;s own probability (dE/do_i[c] = -h_i / o_i[c]).</source>
        <translation>混合负对数似然：只推动类别 c，力度为后验责任除以专家自己的概率（dE/do_i[c] = -h_i / o_i[c]）。</translation>
    </message>
    <message>
        <source>Mixture: y[c] = %1, loss E = %2 at this point.</source>
        <translation>混合模型：此点 y[c] = %1，损失 E = %2。</translation>
    </message>
</context>
<context>
    <name>moelab::PresentationMode</name>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Leave presentation mode</source>
        <translation>退出演示模式</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Experts (+ and -)</source>
        <translation>专家数（+ 和 -）</translation>
    </message>
    <message>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <source>Experts each case is routed to ([ and ])</source>
        <translation>每个样本路由到的专家数（[ 和 ]）</translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <source>Train %1</source>
        <translation>训练 %1</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>moelab::RegressionMode</name>
    <message>
        <source>There is no model to draw yet.</source>
        <translation>还没有可绘制的模型。</translation>
    </message>
</context>
<context>
    <name>moelab::RegressionView</name>
    <message>
        <source>Preparing the regression data...</source>
        <translation>正在准备回归数据……</translation>
    </message>
</context>
<context>
    <name>moelab::RegressionWorker</name>
    <message>
        <source>There is no training to save yet.</source>
        <translation>还没有可保存的训练。</translation>
    </message>
    <message>
        <source>Cannot open the session &apos;%1&apos;: %2</source>
        <translation>无法打开会话“%1”：%2</translation>
    </message>
</context>
<context>
    <name>moelab::ReproduceDialog</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 (SD %2)</source>
        <translation>%1（标准差 %2）</translation>
    </message>
    <message>
        <source>Reproduce the paper: Table 1</source>
        <translation>复现论文：表 1</translation>
    </message>
    <message>
        <source>Jacobs, Jordan, Nowlan &amp; Hinton (1991) trained mixtures of 4 and 8 linear experts and backprop networks of 6 and 12 hidden units on the vowels to the same criterion. Each system trains here for several seeds, side by side, and the table sets the epochs it needed beside the paper&apos;s.</source>
        <translation>Jacobs、Jordan、Nowlan 与 Hinton（1991）在元音数据上把 4 个和 8 个线性专家的混合模型，以及 6 个和 12 个隐藏单元的反向传播网络训练到同一准则。这里每个系统用多个随机种子并行训练，表格把所需轮数与论文的数字并列。</translation>
    </message>
    <message>
        <source>one per core</source>
        <translation>每个核心一个</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>全批量</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Runs per system</source>
        <translation>每个系统的运行次数</translation>
    </message>
    <message>
        <source>At most epochs</source>
        <translation>最多轮数</translation>
    </message>
    <message>
        <source>Mixtures: optimizer</source>
        <translation>混合模型：优化器</translation>
    </message>
    <message>
        <source>Mixtures: learning rate</source>
        <translation>混合模型：学习率</translation>
    </message>
    <message>
        <source>Networks: optimizer</source>
        <translation>网络：优化器</translation>
    </message>
    <message>
        <source>Networks: learning rate</source>
        <translation>网络：学习率</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>First seed</source>
        <translation>起始种子</translation>
    </message>
    <message>
        <source>Trainings side by side</source>
        <translation>并行训练数</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export plot (PNG)...</source>
        <translation>导出图（PNG）…</translation>
    </message>
    <message>
        <source>Export runs (CSV)...</source>
        <translation>导出各次运行（CSV）…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Export the box plot</source>
        <translation>导出箱线图</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export every run</source>
        <translation>导出每次运行</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Press Start: the window stays usable while the runs train.</source>
        <translation>按“开始”：训练进行时窗口仍可正常使用。</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Train %</source>
        <translation>训练 %</translation>
    </message>
    <message>
        <source>Test %</source>
        <translation>测试 %</translation>
    </message>
    <message>
        <source>Epochs, first</source>
        <translation>轮数（首次）</translation>
    </message>
    <message>
        <source>Epochs, stays</source>
        <translation>轮数（稳定）</translation>
    </message>
    <message>
        <source>Never stays</source>
        <translation>从未稳定</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>论文</translation>
    </message>
    <message>
        <source>First: the first epoch whose training accuracy reached the criterion. Stays: the epoch from which it never fell below it again. Means and SDs over the runs that got there. Paper: epochs to criterion as Table 1 is usually quoted.</source>
        <translation>首次：训练准确率第一次达到准则的轮数。稳定：从这一轮起再也没有低于准则。均值和标准差只统计达到的运行。论文：通常引用的表 1 中达到准则的轮数。</translation>
    </message>
    <message>
        <source>Epochs until the training accuracy stays at the criterion</source>
        <translation>训练准确率稳定达到准则所需的轮数</translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation>无法开始：%1</translation>
    </message>
    <message>
        <source>Cancelling: the runs stop after their current epoch...</source>
        <translation>正在取消：各次运行在当前一轮结束后停止…</translation>
    </message>
    <message>
        <source>estimating the time left</source>
        <translation>正在估计剩余时间</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>约剩 %1</translation>
    </message>
    <message>
        <source>%1 of %2 runs done, %3 side by side; %4</source>
        <translation>已完成 %1 / %2 次运行，%3 个并行；%4</translation>
    </message>
    <message>
        <source>The runs failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <source>Cancelled after %1 of %2 runs; no table.</source>
        <translation>在完成 %1 / %2 次运行后取消；没有表格。</translation>
    </message>
    <message>
        <source>%1 runs done in %2.</source>
        <translation>%1 次运行用时 %2 完成。</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>No mixture or no network stayed at the criterion, so they cannot be compared.</source>
        <translation>没有混合模型或没有网络稳定达到准则，因此无法比较。</translation>
    </message>
    <message>
        <source>%1 never</source>
        <translation>%1 次未达到</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>There are no finished runs to export yet.</source>
        <translation>还没有完成的运行可以导出。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>There is no box plot to export yet.</source>
        <translation>还没有可以导出的箱线图。</translation>
    </message>
    <message>
        <source>%1 reaches the criterion %2x faster than %3</source>
        <translation>%1 达到准则比 %3 快 %2 倍</translation>
    </message>
    <message>
        <source>%1 reaches the criterion %2x slower than %3</source>
        <translation>%1 达到准则比 %3 慢 %2 倍</translation>
    </message>
    <message>
        <source>%1 (mean epochs until the training accuracy stays at the criterion; the paper: about 2x faster).</source>
        <translation>%1（按训练准确率稳定达到准则的平均轮数；论文：约快 2 倍）。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>准则</translation>
    </message>
    <message>
        <source>%1 (mean epochs until the training error stays at the criterion; the paper: about 2x faster).</source>
        <translation>%1（按训练误差稳定达到准则的平均轮数；论文：约快 2 倍）。</translation>
    </message>
    <message>
        <source>Epochs until the training error stays at the criterion</source>
        <translation>训练误差稳定达到准则所需的轮数</translation>
    </message>
    <message>
        <source>First: the first epoch whose training error (mean squared) got down to the criterion. Stays: the epoch from which it never rose above it again. Means and SDs over the runs that got there. Paper: epochs to criterion as Table 1 is usually quoted.</source>
        <translation>首次：训练误差（均方）第一次降到准则的轮数。稳定：从这一轮起再也没有高于准则。均值和标准差只统计达到的运行。论文：通常引用的表 1 中达到准则的轮数。</translation>
    </message>
</context>
<context>
    <name>moelab::RoutingView</name>
    <message>
        <source>All classes</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>H(expert | class) = %1 bits</source>
        <translation>H(专家 | 类别) = %1 比特</translation>
    </message>
    <message>
        <source>H(class | expert) = %1 bits</source>
        <translation>H(类别 | 专家) = %1 比特</translation>
    </message>
    <message>
        <source>I(expert; class) = %1 bits</source>
        <translation>I(专家; 类别) = %1 比特</translation>
    </message>
    <message>
        <source>E%1</source>
        <translation>专家%1</translation>
    </message>
    <message>
        <source>Dead experts: none</source>
        <translation>闲置专家：无</translation>
    </message>
    <message>
        <source>Dead experts: %1</source>
        <translation>闲置专家：%1</translation>
    </message>
    <message>
        <source>Dropped cases: %1</source>
        <translation>丢弃样本：%1</translation>
    </message>
    <message>
        <source>Load-balancing loss: %1</source>
        <translation>负载均衡损失：%1</translation>
    </message>
    <message>
        <source>The routing table appears after the first evaluation of the training cases.</source>
        <translation>第一次评估训练样本之后，这里会显示路由表。</translation>
    </message>
    <message>
        <source>Loading the data...</source>
        <translation>正在加载数据…</translation>
    </message>
    <message>
        <source>class \ expert</source>
        <translation>类别 \ 专家</translation>
    </message>
    <message>
        <source>Below each expert: the training images its gate weight is highest for</source>
        <translation>每个专家下方：门控给它权重最高的训练图像</translation>
    </message>
    <message>
        <source>%1 → expert %2: %3 of %4 training cases (%5)</source>
        <translation>%1 → 专家 %2：%4 个训练样本中的 %3 个（%5）</translation>
    </message>
    <message>
        <source>Expert %1, strongest case %2: training image %3, %4</source>
        <translation>专家 %1，权重第 %2 高的样本：训练图像 %3，%4</translation>
    </message>
    <message>
        <source>How many bits the expert still leaves open once the class is known: 0 when each class goes to a single expert.</source>
        <translation>已知类别之后，专家还剩多少比特的不确定性：每个类别只去一个专家时为 0。</translation>
    </message>
    <message>
        <source>How many bits the class still leaves open once the expert is known: 0 when each expert sees a single class.</source>
        <translation>已知专家之后，类别还剩多少比特的不确定性：每个专家只见到一个类别时为 0。</translation>
    </message>
    <message>
        <source>What knowing the expert tells about the class, in bits: high when the experts specialise in classes.</source>
        <translation>知道专家能说明多少关于类别的信息（比特）：专家按类别分工时较高。</translation>
    </message>
    <message>
        <source>Experts whose mean gate weight is below 1%: the gate no longer uses them.</source>
        <translation>平均门控权重低于 1% 的专家：门控已不再使用它们。</translation>
    </message>
    <message>
        <source>Training cases an expert at its capacity turned away.</source>
        <translation>专家容量已满时被拒收的训练样本。</translation>
    </message>
    <message>
        <source>N times the sum over experts of (share of cases routed to it) x (its mean gate weight): 1 when the load is even.</source>
        <translation>N 乘以各专家（路由到它的样本比例）×（它的平均门控权重）之和：负载均匀时为 1。</translation>
    </message>
    <message>
        <source>Each row: where the gate&apos;s first choice sends that class&apos;s training cases, in percent.</source>
        <translation>每一行：门控的首选把该类别的训练样本送往哪个专家（百分比）。</translation>
    </message>
</context>
<context>
    <name>moelab::ScenarioPanel</name>
    <message>
        <source>Cooperation entangles the experts</source>
        <translation>协作让专家纠缠在一起</translation>
    </message>
    <message>
        <source>&lt;p&gt;Both panes start from the same weights. On the left the cooperative loss (eq. 1) trains every expert on the error of the &lt;i&gt;blend&lt;/i&gt;; on the right the competitive log-likelihood (eq. 3) trains each expert on its own error, weighted by its responsibility.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Watch&lt;/b&gt; the numbers under each plane: &lt;i&gt;gap&lt;/i&gt; is how much better the mixture is than the gate&apos;s top expert alone. Under eq. 1 it opens in the first few hundred epochs (the experts lean on each other: none of them is right on its own); under eq. 3 it stays small (each expert is right where the gate trusts it).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Honestly:&lt;/b&gt; on these vowels, with experts whose outputs are class probabilities, the gap under eq. 1 closes again after a few thousand epochs; the entanglement is a stage, not the end.&lt;/p&gt;</source>
        <translation>&lt;p&gt;两个窗格从相同的权重出发。左边用协作式损失（式 1），每个专家按&lt;i&gt;混合输出&lt;/i&gt;的误差训练；右边用竞争式对数似然（式 3），每个专家按自己的误差训练，权重是它的责任度。&lt;/p&gt;&lt;p&gt;&lt;b&gt;请观察&lt;/b&gt;每个平面下方的数字：&lt;i&gt;差距&lt;/i&gt;表示混合模型比门控首选的单个专家好多少。在式 1 下，差距在最初几百轮里拉开（专家彼此依赖：没有一个专家单独是对的）；在式 3 下差距一直很小（每个专家在门控信任它的地方都是对的）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;如实说明：&lt;/b&gt;在这些元音数据上，专家输出的是类别概率，式 1 下的差距在几千轮之后会重新缩小；纠缠是一个阶段，而不是终点。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Why the logarithm speeds up early learning</source>
        <translation>为什么对数能加快早期学习</translation>
    </message>
    <message>
        <source>&lt;p&gt;Both losses make the experts compete. Eq. 2 corrects expert &lt;i&gt;i&lt;/i&gt; in proportion to the gate&apos;s weight &lt;i&gt;p&lt;sub&gt;i&lt;/sub&gt;&lt;/i&gt;; eq. 3 in proportion to its responsibility &lt;i&gt;h&lt;sub&gt;i&lt;/sub&gt;&lt;/i&gt;, the gate&apos;s belief after seeing how well each expert did on this case.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Watch&lt;/b&gt; the loss and accuracy curves in the first hundred epochs: the expert that already fits a case best gets most of its gradient under eq. 3, so the right expert moves first and the curve rises sooner.&lt;/p&gt;</source>
        <translation>&lt;p&gt;两种损失都让专家相互竞争。式 2 按门控权重 &lt;i&gt;p&lt;sub&gt;i&lt;/sub&gt;&lt;/i&gt; 的比例修正专家 &lt;i&gt;i&lt;/i&gt;；式 3 按它的责任度 &lt;i&gt;h&lt;sub&gt;i&lt;/sub&gt;&lt;/i&gt; 的比例修正，即门控在看到每个专家在这个样本上的表现之后的判断。&lt;/p&gt;&lt;p&gt;&lt;b&gt;请观察&lt;/b&gt;最初一百轮的损失曲线和准确率曲线：在式 3 下，已经最拟合某个样本的专家得到它的大部分梯度，所以合适的专家先动起来，曲线也更早上升。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>One expert per region</source>
        <translation>每个区域一个专家</translation>
    </message>
    <message>
        <source>&lt;p&gt;Two classes in two regions: in each region one straight line separates them, but no single line does. Two linear experts and a linear gate.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Watch&lt;/b&gt; the gate&apos;s line split the plane in two and each expert&apos;s line settle in its own half: together they draw a boundary that neither could draw alone.&lt;/p&gt;</source>
        <translation>&lt;p&gt;两个类别分布在两个区域：每个区域内一条直线就能把它们分开，但没有一条直线能同时分开两个区域。两个线性专家和一个线性门控。&lt;/p&gt;&lt;p&gt;&lt;b&gt;请观察&lt;/b&gt;门控的直线把平面一分为二，每个专家的直线各自落在自己的那一半：它们合起来画出了任何一个专家单独都画不出的边界。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The vowel figure</source>
        <translation>元音图</translation>
    </message>
    <message>
        <source>&lt;p&gt;The setting of the paper&apos;s vowel figure: four linear experts and a linear gate on the formants F1 and F2 of [i], [I], [a] and [A] (Peterson &amp;amp; Barney 1952), trained with eq. 3, drawn in the paper&apos;s black and white.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Watch&lt;/b&gt; which experts the gate keeps: usually two or three share the plane, one for the front vowels [i] [I] and one for the back vowels [a] [A].&lt;/p&gt;</source>
        <translation>&lt;p&gt;论文元音图的设置：四个线性专家和一个线性门控，输入是 [i]、[I]、[a]、[A] 的共振峰 F1 和 F2（Peterson &amp;amp; Barney 1952），用式 3 训练，按论文的黑白风格绘制。&lt;/p&gt;&lt;p&gt;&lt;b&gt;请观察&lt;/b&gt;门控留下了哪些专家：通常两三个专家分享平面，一个负责前元音 [i] [I]，一个负责后元音 [a] [A]。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Sparse routing</source>
        <translation>稀疏路由</translation>
    </message>
    <message>
        <source>&lt;p&gt;Left: each case goes to one expert only (K = 1); right: to all four (the dense gate of 1991). Both add the Switch Transformer&apos;s load-balancing term.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Watch&lt;/b&gt; the gate. With K = 1 the chosen expert&apos;s weight is always 1, so the main loss gives the gate no gradient at all: only the balancing term moves its regions. The dense gate learns from every case. Sparse routing saves computation, and pays for it in how the gate learns.&lt;/p&gt;</source>
        <translation>&lt;p&gt;左边：每个样本只交给一个专家（K = 1）；右边：交给全部四个专家（1991 年的稠密门控）。两边都加上 Switch Transformer 的负载均衡项。&lt;/p&gt;&lt;p&gt;&lt;b&gt;请观察&lt;/b&gt;门控。K = 1 时被选中专家的权重总是 1，所以主损失完全不给门控梯度：只有均衡项在移动它的区域。稠密门控则从每个样本中学习。稀疏路由节省了计算，代价是门控的学习方式。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Dead experts and load balancing</source>
        <translation>死专家与负载均衡</translation>
    </message>
    <message>
        <source>&lt;p&gt;Eight experts. Left: the 1991 gate alone; right: with the load-balancing term of the Switch Transformer (N &amp;Sigma; f&lt;sub&gt;i&lt;/sub&gt; P&lt;sub&gt;i&lt;/sub&gt;).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Watch&lt;/b&gt; the expert utilisation: the plain gate lets a few experts take everything and the rest never learn (dead experts); balancing pushes cases towards the unused experts, so more of them get a region.&lt;/p&gt;</source>
        <translation>&lt;p&gt;八个专家。左边：只有 1991 年的门控；右边：加上 Switch Transformer 的负载均衡项（N &amp;Sigma; f&lt;sub&gt;i&lt;/sub&gt; P&lt;sub&gt;i&lt;/sub&gt;）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;请观察&lt;/b&gt;专家利用率：普通门控让少数几个专家包揽一切，其余专家从来学不到东西（死专家）；均衡项把样本推向没被用到的专家，于是更多专家得到自己的区域。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Local linear experts on a curve</source>
        <translation>曲线上的局部线性专家</translation>
    </message>
    <message>
        <source>&lt;p&gt;Regression: y = |x| plus a little noise, two straight pieces meeting at 0. Two linear experts, each a straight line o&lt;sub&gt;i&lt;/sub&gt;(x), and a linear gate. The thick line is the mixture&apos;s prediction &amp;Sigma; p&lt;sub&gt;i&lt;/sub&gt; o&lt;sub&gt;i&lt;/sub&gt;; an expert&apos;s line is solid where the gate gives it more than half the weight; the strip below shows the gate p&lt;sub&gt;i&lt;/sub&gt;(x).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Watch&lt;/b&gt; the numbers above the curve. The training starts under the cooperative loss (eq. 1): the blend fits the V, but the lines do not lie on the pieces (one sits above its half of the data), so the gate&apos;s top expert alone is about twice as far off as the mixture (at epoch 2000: RMSE 0.076 against 0.034). Then choose the competitive log-likelihood (eq. 3) under Loss and press Reset: each line settles on its piece, the gate switches sharply at 0, and the top expert alone is nearly as good as the mixture (0.035 against 0.024).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Honestly:&lt;/b&gt; trained much longer, the lines under eq. 1 drift closer to the pieces and the gap narrows (0.036 against 0.022 at epoch 20000), but it stays several times wider than under eq. 3.&lt;/p&gt;</source>
        <translation>&lt;p&gt;回归：y = |x| 加少量噪声，两段直线在 0 处相接。两个线性专家（每个是一条直线 o&lt;sub&gt;i&lt;/sub&gt;(x)）和一个线性门控。粗线是混合模型的预测 &amp;Sigma; p&lt;sub&gt;i&lt;/sub&gt; o&lt;sub&gt;i&lt;/sub&gt;；门控给某个专家的权重超过一半的地方，它的直线画成实线；下方的窄条显示门控 p&lt;sub&gt;i&lt;/sub&gt;(x)。&lt;/p&gt;&lt;p&gt;&lt;b&gt;请观察&lt;/b&gt;曲线上方的数字。训练从协作式损失（式 1）开始：混合能拟合这个 V 形，但两条直线并不落在各自的那一段上（其中一条位于它那一半数据的上方），所以单用门控首选专家的误差约是混合模型的两倍（第 2000 轮：RMSE 0.076 对 0.034）。然后在“损失”中选择竞争式对数似然（式 3）并按“重置”：每条直线落到自己的那一段上，门控在 0 处急剧切换，单用首选专家几乎与混合模型一样好（0.035 对 0.024）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;如实说明：&lt;/b&gt;训练得更久时，式 1 下的直线会向各段靠近，差距会缩小（第 20000 轮时 0.036 对 0.022），但仍比式 3 下宽好几倍。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>moelab::SessionController</name>
    <message>
        <source>Cannot save the session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <source>Cannot open the session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <source>&amp;Open session...</source>
        <translation>打开会话(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <source>Save session &amp;as...</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>lesson</source>
        <translation>课堂</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>MoE Lab sessions (*.moelab)</source>
        <translation>MoE Lab 会话 (*.moelab)</translation>
    </message>
    <message>
        <source>Session saved to %1</source>
        <translation>会话已保存到 %1</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>MoE Lab sessions (*.moelab);;All files (*)</source>
        <translation>MoE Lab 会话 (*.moelab);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The session %1 is still being opened.</source>
        <translation>会话 %1 仍在打开中。</translation>
    </message>
    <message>
        <source>The session %1 no longer exists; it has been removed from the recent files.</source>
        <translation>会话 %1 已不存在，已从最近打开的文件中移除。</translation>
    </message>
    <message>
        <source>The session %1 does not exist.</source>
        <translation>会话 %1 不存在。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Cannot open the session &apos;%1&apos;: %2</source>
        <translation>无法打开会话“%1”：%2</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
</context>
<context>
    <name>moelab::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>A new language applies when MoE Lab restarts.</source>
        <translation>新的语言在 MoE Lab 重新启动后生效。</translation>
    </message>
    <message>
        <source>Standard (Paul Tol, muted)</source>
        <translation>标准（Paul Tol，柔和）</translation>
    </message>
    <message>
        <source>Colour-blind safe (Okabe &amp; Ito)</source>
        <translation>色盲友好（Okabe &amp; Ito）</translation>
    </message>
    <message>
        <source>The colours of the experts in the plane, the gallery, the charts and exported figures</source>
        <translation>专家在平面图、专家面板、图表和导出图中的颜色</translation>
    </message>
    <message>
        <source>&amp;Expert colours:</source>
        <translation>专家颜色(&amp;E)：</translation>
    </message>
    <message>
        <source>How much larger presentation mode (F11) draws the plane&apos;s text, lines and points</source>
        <translation>演示模式（F11）将平面图的文字、线条和数据点放大的倍数</translation>
    </message>
    <message>
        <source>&amp;Presentation size:</source>
        <translation>演示大小(&amp;P)：</translation>
    </message>
    <message>
        <source>Restart MoE Lab?</source>
        <translation>重新启动 MoE Lab？</translation>
    </message>
    <message>
        <source>The new language applies when MoE Lab starts again. Restart now? The training in progress is not kept.</source>
        <translation>新的语言在 MoE Lab 再次启动时生效。现在重新启动吗？当前的训练不会保留。</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重新启动</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>moelab::TimelineBar</name>
    <message>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Drag to see the plane as it was at earlier epochs (kept at log-spaced epochs); the right end is the live training</source>
        <translation>拖动可查看平面在较早轮次时的样子（按对数间隔的轮次保存）；最右端是实时训练</translation>
    </message>
    <message>
        <source>Play the training again from its first epoch</source>
        <translation>从第一轮开始重新播放训练过程</translation>
    </message>
    <message>
        <source>Show the live training again</source>
        <translation>回到实时训练画面</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation>第 %1 轮</translation>
    </message>
</context>
<context>
    <name>moelab::TrainingWorker</name>
    <message>
        <source>Re-initialised: data set %1</source>
        <translation>已重新初始化：数据集 %1</translation>
    </message>
    <message>
        <source>Re-initialised: %1</source>
        <translation>已重新初始化：%1</translation>
    </message>
    <message>
        <source>Could not apply the change: %1</source>
        <translation>无法应用此更改：%1</translation>
    </message>
    <message>
        <source>%1 experts</source>
        <translation>%1 个专家</translation>
    </message>
    <message>
        <source>linear experts</source>
        <translation>线性专家</translation>
    </message>
    <message numerus="yes">
        <source>%n hidden unit(s) per expert</source>
        <translation>
            <numerusform>每个专家 %n 个隐藏单元</numerusform>
        </translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>随机种子 %1</translation>
    </message>
    <message>
        <source>new model</source>
        <translation>新模型</translation>
    </message>
    <message>
        <source>Reset: new weights from seed %1</source>
        <translation>已重置：按随机种子 %1 生成新权重</translation>
    </message>
    <message>
        <source>%1 Training is paused and the last good model stays on screen. Try a learning rate of %2 (now %3), then press Play.</source>
        <translation>%1 训练已暂停，屏幕上保留最后一个正常的模型。请把学习率改为 %2（当前为 %3），然后点击“开始”。</translation>
    </message>
    <message>
        <source>Re-initialised: new model</source>
        <translation>已重新初始化：新模型</translation>
    </message>
    <message>
        <source>gate: %1</source>
        <translation>门控：%1</translation>
    </message>
    <message>
        <source>eq. 1</source>
        <translation>式 1</translation>
    </message>
    <message>
        <source>eq. 2</source>
        <translation>式 2</translation>
    </message>
    <message>
        <source>eq. 3</source>
        <translation>式 3</translation>
    </message>
    <message>
        <source>NLL</source>
        <translation>负对数似然</translation>
    </message>
    <message>
        <source>Drawing: new model</source>
        <translation>绘制：新模型</translation>
    </message>
    <message>
        <source>Could not train on the drawn points: %1</source>
        <translation>无法在绘制的点上训练：%1</translation>
    </message>
    <message>
        <source>Showing %1 instead.</source>
        <translation>改为显示 %1。</translation>
    </message>
    <message>
        <source>There is no training to save yet.</source>
        <translation>还没有可保存的训练。</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Cannot open the session &apos;%1&apos;: %2</source>
        <translation>无法打开会话“%1”：%2</translation>
    </message>
    <message>
        <source>drawing edited</source>
        <translation>编辑了绘制的数据</translation>
    </message>
</context>
</TS>
