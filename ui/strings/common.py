"""Strings shared by every page: navigation, sidebar, home page, Fashion-MNIST's class names."""
from dropout_core.training.data import CLASS_NAMES

# d2l zh's names (section 3.5, the Fashion-MNIST dataset), by class index.
_CLASS_NAMES_ZH = ("T恤/上衣", "裤子", "套头衫", "连衣裙", "外套", "凉鞋", "衬衫", "运动鞋", "包", "短靴")

STRINGS = {
    "app.title": {"en": "Dropout Explorer", "zh": "暂退法（Dropout）探索器"},
    "list.separator": {"en": ", ", "zh": "、"},
    "list.clauses": {"en": "; ", "zh": "；"},
    # A file uploader's own words, which Streamlit writes in English (ui/uploads.py).
    "uploads.button": {"en": "Upload", "zh": "上传"},
    "uploads.limit": {"en": "{mb} MB per file", "zh": "每个文件不超过 {mb} MB"},
    "nav.home": {"en": "Home", "zh": "首页"},
    "nav.mask": {"en": "Mask explorer", "zh": "掩码探索"},
    "nav.train": {"en": "Train live", "zh": "实时训练"},
    "nav.compare": {"en": "Compare", "zh": "对比"},
    "nav.theory": {"en": "Theory lab", "zh": "理论实验室"},
    "nav.exercises": {"en": "Exercises", "zh": "练习"},
    "nav.bugs": {"en": "Bug hunt", "zh": "找错误"},
    "nav.tours": {"en": "Guided tours", "zh": "导览"},
    "nav.poll": {"en": "Class poll", "zh": "课堂投票"},
    "app.bad_setting": {
        "en": "This server was started with a setting it cannot use, so it uses the default instead: {problem}",
        "zh": "本服务器启动时的一项设置无法使用，已改用默认值：{problem}",
    },
    "sidebar.language": {"en": "Language / 语言", "zh": "Language / 语言"},
    "sidebar.hardware": {"en": "Hardware", "zh": "硬件"},
    "sidebar.hw_cuda": {"en": "CUDA GPU: {name}", "zh": "CUDA GPU：{name}"},
    "sidebar.hw_mps": {"en": "Apple GPU (MPS)", "zh": "Apple GPU（MPS）"},
    "sidebar.hw_cpu": {"en": "CPU ({threads} threads)", "zh": "CPU（{threads} 个线程）"},
    "sidebar.hw_cpu_one": {"en": "CPU (1 thread)", "zh": "CPU（1 个线程）"},
    "sidebar.data": {"en": "Fashion-MNIST", "zh": "Fashion-MNIST 数据集"},
    "sidebar.data_found": {"en": "Found in {folder}", "zh": "已找到：{folder}"},
    "sidebar.data_missing": {
        "en": "Not on this machine. Train live tries torchvision's download, or tells you how to get it.",
        "zh": "本机未找到。“实时训练”页会尝试用 torchvision 下载，或告诉你如何获取。",
    },
    "home.intro": {
        "en": "An interactive companion to the *Dropout* chapter of *Dive into Deep Learning*. "
        "Move the sliders, watch the masks, train the chapter's network live, and check every claim with numbers.",
        "zh": "《动手学深度学习》“暂退法（Dropout）”一节的交互式伴读（较早的版本译作“丢弃法”）。拖动滑块、观察掩码、"
        "实时训练书中的网络，并用数字验证每一个结论。",
    },
    "home.what": {"en": "What dropout does", "zh": "暂退法做了什么"},
    "home.unbiased": {
        "en": "**Noise without bias.** During training, each unit's value x becomes x' = 0 with probability p "
        "and x' = x / (1 − p) otherwise. So E[x'] = (1 − p) · x / (1 − p) = x: the layer injects noise, "
        "but on average it leaves its input unchanged.",
        "zh": "**无偏地加入噪声。** 训练时，每个单元的值 x 以概率 p 变为 x' = 0，否则变为 x' = x / (1 − p)。"
        "因此 E[x'] = (1 − p) · x / (1 − p) = x：这一层加入了噪声，但平均而言不改变输入。",
    },
    "home.where": {
        "en": "**Where.** It is applied to the outputs of hidden fully-connected layers, after the activation; "
        "in the d2l network, with p = 0.2 after the first hidden layer and p = 0.5 after the second.",
        "zh": "**用在哪里。** 它作用在隐藏全连接层的输出上（激活函数之后）；"
        "在 d2l 的网络中，第一个隐藏层之后 p = 0.2，第二个隐藏层之后 p = 0.5。",
    },
    "home.training_only": {
        "en": "**Only while training.** At inference (`model.eval()`) dropout is the identity: every unit is kept "
        "and nothing is rescaled, because the 1/(1 − p) factor was already applied during training "
        "(this is *inverted* dropout, PyTorch's convention).",
        "zh": "**只在训练时使用。** 推理时（`model.eval()`）暂退法是恒等映射：保留所有单元、不做缩放，"
        "因为 1/(1 − p) 的放大在训练时已经做过了（这就是 PyTorch 采用的*反向*暂退法，inverted dropout）。",
    },
    "home.ensemble": {
        "en": "**A cheap average over sub-networks.** Each mask picks a thinned sub-network that shares the "
        "full network's weights. Training with dropout trains a huge family of them at once, and the eval-mode "
        "network is a one-pass approximation of their normalised geometric mean (exact for a single softmax "
        "layer, Srivastava et al. 2014).",
        "zh": "**对子网络的廉价平均。** 每个掩码选出一个“变瘦”的子网络，它与完整网络共享权重。"
        "用暂退法训练相当于同时训练一大族子网络，而评估模式下的网络只用一次前向计算就近似了它们的归一化几何平均"
        "（对单个 softmax 层是精确的，Srivastava 等人，2014）。",
    },
    "home.regularizer": {
        "en": "**A regularizer.** Bishop (1995) showed that training with small input noise is equivalent to "
        "Tikhonov regularization; for linear regression, dropout acts like an L2 penalty that adapts to each "
        "feature's scale (Wager, Wang & Liang 2013).",
        "zh": "**一种正则化。** Bishop（1995）证明，用带小噪声的输入训练等价于 Tikhonov 正则化；"
        "在线性回归中，暂退法相当于一个随特征尺度自适应的 L2 惩罚（Wager、Wang 与 Liang，2013）。",
    },
    "home.pages": {"en": "Explore", "zh": "开始探索"},
    "home.mask_blurb": {
        "en": "See a tensor before and after the mask, the 1/(1 − p) rescale, train vs eval mode, and why E[x'] = x.",
        "zh": "查看张量在掩码前后的样子、1/(1 − p) 的放大、训练与评估模式的区别，以及为什么 E[x'] = x。",
    },
    "home.train_blurb": {
        "en": "Train the chapter's MLP on Fashion-MNIST on this machine, with your own drop rates: predict how its "
        "train and test accuracy will end, then watch the curves grow.",
        "zh": "在本机上用 Fashion-MNIST 训练书中的多层感知机，暂退概率由你来定：先预测训练准确率与测试准确率最后谁高，"
        "再看曲线增长。",
    },
    "home.compare_blurb": {
        "en": "Saved curves for p = 0, 0.2/0.5 and 0.5, over several seeds: no training needed.",
        "zh": "p = 0、0.2/0.5 与 0.5 在多个随机种子下保存好的曲线：无需训练。",
    },
    "home.exercises_blurb": {
        "en": "The chapter's seven exercises as experiments: predict first, then see what the saved runs show.",
        "zh": "把本节的七道练习变成实验：先预测，再看已保存的运行结果。",
    },
    "home.theory_blurb": {
        "en": "Dropout as an adaptive L2 penalty, as an average of thinned networks, as a measure of uncertainty, and "
        "beside its variants: predict each result, then check it against numbers computed on the spot.",
        "zh": "把暂退法看作自适应 L2 惩罚、对变瘦网络的平均、对不确定性的度量，并与它的几种变体并列：先预测每个结果，"
        "再用当场算出的数字检验。",
    },
    "home.bugs_blurb": {
        "en": "Six broken dropout layers: read their code, fingerprints and training curves, and name each mistake.",
        "zh": "六个有错误的暂退法层：读它们的代码、统计指纹和训练曲线，指出每一处错误。",
    },
    "home.poll_blurb": {
        "en": "For students in a lecture: answer the question on the projector from your phone with the room code.",
        "zh": "课堂上的学生：用房间代码在手机上回答投影上的问题。",
    },
    "home.tours_blurb": {
        "en": "For a lecture: the d2l chapter in about 45 minutes, step by step with a clicker, questions for the room "
        "included; or your own tour file.",
        "zh": "用于课堂：约 45 分钟讲完 d2l 这一节，用翻页笔逐步推进，附带向全班提出的问题；也可以用你自己的导览文件。",
    },
    # --- Fashion-MNIST, on every page that needs it (ui/dataset.py) ---
    "data.help": {
        "en": "Other ways: `sudo apt-get install dataset-fashion-mnist` (Debian/Ubuntu), or put the four official "
        "files in a folder and start the app with `DROPOUT_EXPLORER_DATA=/that/folder`. The Mask explorer and "
        "Compare pages work without the data.",
        "zh": "其他办法：`sudo apt-get install dataset-fashion-mnist`（Debian/Ubuntu），或把四个官方文件放进一个文件夹，"
        "并用 `DROPOUT_EXPLORER_DATA=/该文件夹` 启动应用。“掩码探索”和“对比”页不需要这些数据。",
    },
    "data.download": {"en": "Download Fashion-MNIST with torchvision", "zh": "用 torchvision 下载 Fashion-MNIST"},
    "data.loading": {"en": "Reading Fashion-MNIST…", "zh": "正在读取 Fashion-MNIST…"},
    "data.to_train": {"en": "Go to Train live", "zh": "前往“实时训练”"},
    **{f"data.class_{i}": {"en": en, "zh": zh} for i, (en, zh) in enumerate(zip(CLASS_NAMES, _CLASS_NAMES_ZH, strict=True))},
}
