"""Strings for the Theory lab page."""

STRINGS = {
    "theory.title": {"en": "Theory lab", "zh": "理论实验室"},
    "theory.intro": {
        "en": "Four ways to understand what dropout does, each checked with numbers computed here and now: "
        "a penalty on the weights, an average over many networks, a measure of uncertainty, and a family of "
        "related noises.",
        "zh": "理解暂退法的四种角度，每一种都用此刻在这里算出的数字来检验：对权重的惩罚、对许多网络的平均、"
        "不确定性的度量，以及一族相关的噪声。",
    },
    "theory.section": {"en": "Section", "zh": "章节"},
    "theory.section_l2": {"en": "1 · Adaptive L2 penalty", "zh": "1 · 自适应 L2 惩罚"},
    "theory.section_average": {"en": "2 · Average of thinned networks", "zh": "2 · 变瘦网络的平均"},
    "theory.section_mc": {"en": "3 · MC dropout: uncertainty", "zh": "3 · MC 暂退法：不确定性"},
    "theory.section_variants": {"en": "4 · Variants", "zh": "4 · 变体"},
    # --- 1. adaptive L2 ---------------------------------------------------------------------------------------------
    "theory.l2_intro": {
        "en": "Linear regression with inverted dropout on the inputs: every x_ij is kept with probability 1 − d "
        "and divided by 1 − d, or set to 0. Averaged over the masks, the squared error becomes the ordinary "
        "squared error plus a penalty on the weights (Wager, Wang & Liang 2013). The features of this synthetic "
        "problem have scales from 0.1 to 10 and neighbouring features are correlated; regenerate it with the "
        "seed and the sizes.",
        "zh": "在线性回归的输入上使用反向暂退法：每个 x_ij 以概率 1 − d 保留并除以 1 − d，否则置为 0。"
        "对掩码取平均后，平方误差等于普通的平方误差加上一个对权重的惩罚项（Wager、Wang 与 Liang，2013）。"
        "这个合成问题的各特征尺度从 0.1 到 10 不等，相邻特征彼此相关；可以用随机种子和规模重新生成它。",
    },
    "theory.d": {"en": "Drop rate d", "zh": "暂退概率 d"},
    "theory.d_help": {
        "en": "The probability that dropout zeroes a value (PyTorch's p). Must stay below 1: at d = 1 nothing "
        "survives and 1/(1 − d) is infinite.",
        "zh": "暂退法把一个值置零的概率（即 PyTorch 的 p）。必须小于 1：d = 1 时什么都不剩，1/(1 − d) 为无穷大。",
    },
    "theory.data_seed": {"en": "Seed of the problem", "zh": "问题的随机种子"},
    "theory.samples": {"en": "Samples n", "zh": "样本数 n"},
    "theory.features": {"en": "Features", "zh": "特征数"},
    "theory.w": {"en": "Weights w in the formula", "zh": "公式中的权重 w"},
    "theory.w_ls": {"en": "least-squares solution", "zh": "最小二乘解"},
    "theory.w_true": {"en": "true weights (that made y)", "zh": "真实权重（生成 y 的权重）"},
    "theory.w_ridge": {"en": "dropout's minimiser (its ridge solution)", "zh": "暂退法损失的最小点（其岭回归解）"},
    "theory.masks": {"en": "Masks drawn (N)", "zh": "抽取的掩码数（N）"},
    "theory.squared_error": {"en": "‖y − Xw‖² (no dropout)", "zh": "‖y − Xw‖²（不用暂退法）"},
    "theory.squared_error_help": {
        "en": "The plain squared error of w on this problem.", "zh": "w 在这个问题上的普通平方误差。",
    },
    "theory.penalty": {"en": "Penalty (closed form)", "zh": "惩罚项（解析值）"},
    "theory.penalty_help": {
        "en": "d/(1 − d) · Σ_j w_j² Σ_i x_ij²: an L2 penalty whose coefficient on w_j grows with feature j's size.",
        "zh": "d/(1 − d) · Σ_j w_j² Σ_i x_ij²：一个 L2 惩罚，它对 w_j 的系数随特征 j 的大小增长。",
    },
    "theory.expected": {"en": "E‖y − X̃w‖² (closed form)", "zh": "E‖y − X̃w‖²（解析值）"},
    "theory.mc_estimate": {"en": "Monte Carlo, {n} masks", "zh": "蒙特卡洛，{n} 个掩码"},
    "theory.mc_estimate_help": {
        "en": "The mean of ‖y − X̃w‖² over N freshly drawn dropout masks.",
        "zh": "在 N 个新抽取的暂退法掩码上 ‖y − X̃w‖² 的平均值。",
    },
    "theory.mc_caption": {
        "en": "After {n} masks the estimate is {mean} ± {band} (two standard errors) and lies {z:+z.2f} standard "
        "errors from the closed form. The band narrows like 1/√N: a hundred times more masks, a ten times "
        "narrower band.",
        "zh": "抽取 {n} 个掩码后，估计值为 {mean} ± {band}（两个标准误），与解析值相差 {z:+z.2f} 个标准误。"
        "误差带按 1/√N 收窄：掩码多一百倍，误差带窄十倍。",
    },
    "theory.closed_form_rule": {"en": "closed form", "zh": "解析值"},
    "theory.no_noise_rule": {"en": "‖y − Xw‖² without dropout", "zh": "不用暂退法时的 ‖y − Xw‖²"},
    "theory.n_masks_axis": {"en": "masks drawn N (log scale)", "zh": "抽取的掩码数 N（对数刻度）"},
    "theory.sq_loss_axis": {"en": "mean of ‖y − X̃w‖²", "zh": "‖y − X̃w‖² 的平均值"},
    "theory.mc_estimate_series": {"en": "Monte Carlo estimate ± 2 SE", "zh": "蒙特卡洛估计 ± 2 个标准误"},
    "theory.sgd_title": {"en": "Training with dropout solves a ridge problem", "zh": "用暂退法训练就是在解一个岭回归问题"},
    "theory.sgd_intro": {
        "en": "Minimising the expected dropout loss is a ridge problem whose L2 coefficient on w_j is "
        "d/(1 − d) · Σ_i x_ij², solved in closed form by w = (XᵀX + d/(1 − d) · diag(XᵀX))⁻¹ Xᵀy. "
        "SGD that draws a fresh dropout mask at every step (per-feature step sizes, Polyak averaging) lands on "
        "the same weights, up to SGD noise. For contrast: plain L2 whose single coefficient λ has the same total "
        "(λ = the mean of dropout's coefficients), and least squares without any penalty.",
        "zh": "最小化暂退法的期望损失就是一个岭回归问题，它对 w_j 的 L2 系数为 d/(1 − d) · Σ_i x_ij²，闭式解为 "
        "w = (XᵀX + d/(1 − d) · diag(XᵀX))⁻¹ Xᵀy。每一步都抽取新暂退法掩码的 SGD（按特征设定步长，"
        "并做 Polyak 平均）会落到同样的权重上，只差 SGD 的噪声。作为对照：总强度相同的普通 L2"
        "（唯一的系数 λ 等于暂退法各系数的平均值），以及不加任何惩罚的最小二乘。",
    },
    "theory.sgd_distance": {"en": "Dropout SGD vs closed-form ridge", "zh": "暂退法 SGD 与岭回归闭式解之差"},
    "theory.sgd_distance_help": {
        "en": "‖w_SGD − w_ridge‖ / ‖w_ridge‖, each weight measured in units of its feature's size "
        "(√Σ_i x_ij²), the norm dropout's penalty uses.",
        "zh": "‖w_SGD − w_ridge‖ / ‖w_ridge‖，每个权重都以其特征的大小（√Σ_i x_ij²）为单位，"
        "这正是暂退法惩罚所用的范数。",
    },
    "theory.scaled": {"en": "Show each weight times its feature's size", "zh": "显示权重乘以特征大小"},
    "theory.scaled_help": {
        "en": "w_j × RMS(x_j): how much feature j moves the prediction. Raw weights differ by orders of magnitude "
        "because the features do.",
        "zh": "w_j × RMS(x_j)：特征 j 对预测的影响有多大。原始权重相差几个数量级，因为特征本身就相差这么多。",
    },
    "theory.method_sgd": {"en": "dropout, trained by SGD", "zh": "暂退法（SGD 训练）"},
    "theory.method_ridge": {"en": "dropout's ridge problem (closed form)", "zh": "暂退法对应的岭回归（闭式解）"},
    "theory.method_plain": {"en": "plain L2, same total strength", "zh": "普通 L2（总强度相同）"},
    "theory.method_ls": {"en": "least squares (no penalty)", "zh": "最小二乘（无惩罚）"},
    "theory.feature": {"en": "x{j}", "zh": "x{j}"},
    "theory.feature_axis": {"en": "feature", "zh": "特征"},
    "theory.effect_axis": {"en": "weight × feature size", "zh": "权重 × 特征大小"},
    "theory.weight_axis": {"en": "weight", "zh": "权重"},
    "theory.method_axis": {"en": "weights from", "zh": "权重来源"},
    "theory.size_axis": {"en": "feature size RMS(x_j), log", "zh": "特征大小 RMS(x_j)，对数"},
    "theory.col_feature": {"en": "feature", "zh": "特征"},
    "theory.col_size": {"en": "size RMS(x_j)", "zh": "大小 RMS(x_j)"},
    "theory.col_dropout_coef": {"en": "dropout's L2 coefficient", "zh": "暂退法的 L2 系数"},
    "theory.col_w_sgd": {"en": "w: dropout SGD", "zh": "w：暂退法 SGD"},
    "theory.col_w_ridge": {"en": "w: dropout ridge", "zh": "w：暂退法岭回归"},
    "theory.col_w_plain": {"en": "w: plain L2", "zh": "w：普通 L2"},
    "theory.col_w_ls": {"en": "w: least squares", "zh": "w：最小二乘"},
    "theory.plain_coef": {
        "en": "Plain L2 puts the same coefficient λ = {lam} on every weight: the mean of dropout's coefficients.",
        "zh": "普通 L2 对每个权重都使用同一个系数 λ = {lam}：即暂退法各系数的平均值。",
    },
    "theory.takeaway_numbers": {
        "en": "Measured against least squares, dropout keeps {dropout_small:.0%} of the weight of {small} "
        "(the smallest feature) and {dropout_large:.0%} of {large} (the largest); plain L2 of the same total "
        "strength keeps {plain_small:.0%} and {plain_large:.0%}.",
        "zh": "与最小二乘相比，暂退法保留了 {small}（最小的特征）权重的 {dropout_small:.0%}、{large}（最大的特征）的 "
        "{dropout_large:.0%}；总强度相同的普通 L2 则保留 {plain_small:.0%} 和 {plain_large:.0%}。",
    },
    "theory.takeaway_plain_hits_small": {
        "en": "Plain L2 charges every weight the same price, so the small feature, which needs a large weight, is hit "
        "hardest.",
        "zh": "普通 L2 对每个权重收同样的“价钱”，所以需要大权重的小尺度特征受害最重。",
    },
    "theory.takeaway_plain_spares_small": {
        "en": "Plain L2 charges every weight the same price, yet here it does not hit the small feature hardest: the "
        "features are not orthogonal, and a penalty then shrinks their combination rather than each weight on its "
        "own (with orthogonal features plain L2 keeps less of a smaller feature's weight, always).",
        "zh": "普通 L2 对每个权重收同样的“价钱”，但在这里它并没有让小尺度特征受害最重：这些特征并不正交，此时惩罚收缩的是它们的"
        "组合，而不是逐个权重（特征正交时，普通 L2 总是对尺度越小的特征保留得越少）。",
    },
    "theory.takeaway_outside": {
        "en": "A share above 100% or below 0% means the features are not orthogonal: a penalty then shrinks their "
        "combination, not each weight on its own (with orthogonal features every share lies between 0% and 100%).",
        "zh": "保留比例高于 100% 或低于 0%，说明这些特征并不正交：此时惩罚收缩的是它们的组合，而不是逐个权重"
        "（特征正交时，每个比例都在 0% 到 100% 之间）。",
    },
    "theory.takeaway_dropout": {
        "en": "Dropout charges w_j² Σ_i x_ij², the price of the weight's effect on the prediction: it penalizes a "
        "weight according to its feature's scale, and measuring a feature in other units changes nothing.",
        "zh": "暂退法收取的是 w_j² Σ_i x_ij²，即该权重对预测影响的“价钱”：它按特征的尺度来惩罚权重，换一种单位来度量特征不会改变任何结果。",
    },
    "theory.bishop_title": {"en": "Noise as a regularizer (Bishop 1995)", "zh": "噪声即正则化（Bishop，1995）"},
    "theory.bishop": {
        "en": "Bishop (1995) showed that training with small random noise added to the inputs is equivalent to "
        "adding a Tikhonov regularizer to the loss: a penalty on how strongly the output reacts to its inputs, "
        "weighted by the noise's variance. For a linear model the output's sensitivity to input j is just w_j, "
        "so the regularizer is an L2 penalty on the weights. Dropout is noise too, but multiplicative: "
        "x̃_ij = x_ij · m_ij / (1 − d) is x_ij plus noise of mean 0 and variance d/(1 − d) · x_ij². Because that "
        "variance grows with x_ij², the penalty on w_j carries the factor Σ_i x_ij², which is exactly the term "
        "above. For linear regression the equivalence holds exactly, not only for small noise. For generalised "
        "linear models such as logistic regression, Wager, Wang & Liang (2013) show that, to second order in the "
        "noise, the penalty also weighs each example by the curvature of its loss (most where the model is "
        "unsure); that result is about generalised linear models, and for deep networks such readings are "
        "approximations, not theorems.",
        "zh": "Bishop（1995）证明：在输入上加入小的随机噪声进行训练，等价于在损失上加一个 Tikhonov 正则项——"
        "按噪声方差加权、惩罚输出对输入的敏感程度。对线性模型而言，输出对输入 j 的敏感度就是 w_j，"
        "所以这个正则项就是对权重的 L2 惩罚。暂退法也是噪声，只不过是乘性的：x̃_ij = x_ij · m_ij / (1 − d) "
        "等于 x_ij 加上均值为 0、方差为 d/(1 − d) · x_ij² 的噪声。由于方差随 x_ij² 增大，对 w_j 的惩罚带有因子 "
        "Σ_i x_ij²，正是上面公式中的那一项。对线性回归，这种等价是精确的，而不只对小噪声成立。"
        "对逻辑回归这样的广义线性模型，Wager、Wang 与 Liang（2013）证明：在噪声的二阶近似下，惩罚还会按每个样本"
        "损失的曲率加权（模型越没把握，权重越大）；这是关于广义线性模型的结论，对深度网络，这类解读只是近似，"
        "并非定理。",
    },
    # --- the network studied ----------------------------------------------------------------------------------------
    "theory.no_data": {
        "en": "Fashion-MNIST is not on this machine, so there is no trained network to study here. The Train "
        "live page can download it with torchvision. Sections 1 and 4 of this page work without it.",
        "zh": "本机没有 Fashion-MNIST，因此这里没有可研究的已训练网络。“实时训练”页可以用 torchvision 下载它。"
        "本页第 1 和第 4 节不需要这些数据。",
    },
    "theory.data_failed": {"en": "Fashion-MNIST could not be read:", "zh": "无法读取 Fashion-MNIST："},
    "theory.model": {"en": "Network", "zh": "网络"},
    "theory.model_own": {"en": "my network from Train live", "zh": "我在“实时训练”中训练的网络"},
    "theory.model_builtin": {"en": "the page's own network", "zh": "本页自带的网络"},
    "theory.model_own_caption": {
        "en": "Your network from Train live: 784-{h1}-{h2}-10, drop rates {p1:g} / {p2:g}, epochs: {epochs}, "
        "test accuracy {test_acc:.3f} (eval mode, all 10,000 test images).",
        "zh": "你在“实时训练”中训练的网络：784-{h1}-{h2}-10，暂退概率 {p1:g} / {p2:g}，训练了 {epochs} 个迭代周期，"
        "测试准确率 {test_acc:.3f}（评估模式，全部 10,000 张测试图像）。",
    },
    "theory.model_builtin_caption": {
        "en": "The page's own network: 784-{h1}-{h2}-10 with d2l's drop rates {p1:g} / {p2:g}, trained by the "
        "app's engine for {epochs} epochs on {images:,} training images; its weights ship with the app.",
        "zh": "本页自带的网络：784-{h1}-{h2}-10，使用 d2l 的暂退概率 {p1:g} / {p2:g}，由本应用的训练引擎在 {images:,} "
        "张训练图像上训练了 {epochs} 个迭代周期；它的权重随应用一起提供。",
    },
    "theory.model_train_hint": {
        "en": "Train a network on Train live and it appears here instead.",
        "zh": "在“实时训练”页训练一个网络，它就会出现在这里。",
    },
    "theory.model_diverged": {
        "en": "Your network from Train live diverged in epoch {epoch} (its loss became NaN or infinite), so its "
        "weights predict nothing; this section studies the page's own network instead.",
        "zh": "你在“实时训练”中训练的网络在第 {epoch} 个迭代周期发散了（损失变成 NaN 或无穷大），它的权重无法做出预测；"
        "本节改为研究本页自带的网络。",
    },
    "theory.training_builtin": {
        "en": "Preparing the page's own network: its weights ship with the app and load at once; if their file is "
        "missing or does not match this data, it trains once per server (seconds on a quiet CPU, minutes on a "
        "busy one)…",
        "zh": "正在准备本页自带的网络：它的权重随应用一起提供，可立即载入；如果权重文件缺失或与这份数据不符，"
        "每个服务器会训练它一次（空闲的 CPU 上几秒，繁忙时几分钟）…",
    },
    "theory.sampling": {
        "en": "Running {T} thinned networks on {count:,} test images…",
        "zh": "正在用 {T} 个变瘦网络处理 {count:,} 张测试图像…",
    },
    "theory.mc_seed": {"en": "Seed of the thinned networks", "zh": "变瘦网络的随机种子"},
    "theory.mc_seed_help": {
        "en": "Seeds the dropout masks of the T passes; sections 2 and 3 use the same passes.",
        "zh": "决定 T 次前向传播的暂退法掩码；第 2 节和第 3 节使用同样的传播。",
    },
    # --- 2. average of thinned networks -------------------------------------------------------------------------------
    "theory.average_intro": {
        "en": "Every mask picks a thinned network: the units it drops are gone, the others keep the full "
        "network's weights. Training with dropout trains all of these networks at once. To predict, one could "
        "average many thinned networks (Monte Carlo), or run the full network once in eval mode, which is what "
        "`model.eval()` does. With inverted dropout eval mode needs no rescaling, because the 1/(1 − p) was "
        "applied during training; Srivastava et al. (2014) instead scale the weights by the keep probability "
        "at test time, which is the same network. Which average does that one pass approximate: the arithmetic mean "
        "of the thinned networks' probabilities, or their **normalised geometric mean** (exp of the mean "
        "log-probability, renormalised to sum to 1)? Both are measured below.",
        "zh": "每个掩码都选出一个变瘦的网络：被丢弃的单元消失，其余单元沿用完整网络的权重。用暂退法训练就是同时"
        "训练所有这些网络。预测时，可以对许多变瘦网络取平均（蒙特卡洛），也可以在评估模式下只运行一次完整网络，"
        "这正是 `model.eval()` 所做的。使用反向暂退法时评估模式无需缩放，因为 1/(1 − p) 已在训练时乘过；"
        "Srivastava 等人（2014）则是在测试时把权重乘以保留概率，得到的是同一个网络。这一次前向计算近似的是哪种平均："
        "变瘦网络概率的算术平均，还是它们的**归一化几何平均**（对数概率取平均后求指数，再归一化使其和为 1）？"
        "下面同时测量这两种平均。",
    },
    "theory.net_seed": {"en": "Mask seed of the drawing", "zh": "示意图的掩码种子"},
    "theory.resample": {"en": "Draw another mask", "zh": "再抽一个掩码"},
    "theory.layer_input": {"en": "input", "zh": "输入层"},
    "theory.layer_hidden": {"en": "hidden {i}\np = {p:g}", "zh": "隐藏层 {i}\np = {p:g}"},
    "theory.layer_output": {"en": "output", "zh": "输出层"},
    "theory.kept": {"en": "kept", "zh": "保留"},
    "theory.dropped": {"en": "dropped", "zh": "丢弃"},
    "theory.mask_kept": {
        "en": "This mask keeps {kept} units of the hidden layers (with d2l's drop rates). Greyed units and "
        "their connections are absent from this thinned network.",
        "zh": "这个掩码保留了隐藏层中 {kept} 个单元（使用 d2l 的暂退概率）。灰色的单元及其连接不属于这个变瘦网络。",
    },
    "theory.small_count": {"en": "Thinned networks of this drawing (2^{units})", "zh": "此示意图的变瘦网络数（2^{units}）"},
    "theory.small_count_help": {
        "en": "Each of the {units} hidden units is either in or out: 2 to the power {units}.",
        "zh": "{units} 个隐藏单元中的每一个要么在、要么不在：2 的 {units} 次方。",
    },
    "theory.d2l_count": {"en": "Thinned networks of d2l's 784-256-256-10", "zh": "d2l 的 784-256-256-10 的变瘦网络数"},
    "theory.d2l_count_help": {
        "en": "Both hidden layers can lose units: 256 + 256 droppable units.",
        "zh": "两个隐藏层都可能丢失单元：共 256 + 256 个可丢弃单元。",
    },
    "theory.d2l_digits": {
        "en": "2^{units} is a number with **{digits} decimal digits**: far more networks than training steps, so "
        "almost none of them ever sees a batch of its own; they learn only through the weights they share. "
        "Averaging them one by one is out of the question; eval mode stands in for their average in one "
        "pass.",
        "zh": "2^{units} 是一个 **{digits} 位**的十进制数：网络的数量远远多于训练步数，几乎没有哪个网络单独见过一个批量，"
        "它们只是通过共享的权重来学习。逐个平均它们根本不可能；评估模式只用一次前向计算来代替它们的平均。",
    },
    "theory.all_digits": {"en": "Show all digits of 2^{units}", "zh": "显示 2^{units} 的所有数字"},
    "theory.average_title": {"en": "Eval mode against the average of T thinned networks", "zh": "评估模式与 T 个变瘦网络的平均"},
    # Word joiners (U+2060) keep "一次前向" on one line: a projector's narrow column broke the label inside 前向.
    "theory.eval_acc": {"en": "Eval mode (one pass)", "zh": "评估模式（一\u2060次\u2060前\u2060向）"},
    "theory.eval_acc_help": {
        "en": "Accuracy of the full network with dropout off: the weight-scaling approximation.",
        "zh": "关闭暂退法时完整网络的准确率：即权重缩放近似。",
    },
    "theory.mc_acc": {"en": "Arithmetic mean, T = {T}", "zh": "算术平均，T = {T}"},
    "theory.geo_acc": {"en": "Geometric mean, T = {T}", "zh": "几何平均，T = {T}"},
    "theory.series_arithmetic": {"en": "arithmetic mean of the probabilities", "zh": "概率的算术平均"},
    "theory.series_geometric": {"en": "normalised geometric mean", "zh": "归一化几何平均"},
    "theory.accuracy_axis": {"en": "accuracy", "zh": "准确率"},
    "theory.loss_axis": {"en": "cross-entropy loss", "zh": "交叉熵损失"},
    "theory.T_axis": {"en": "thinned networks averaged T (log scale)", "zh": "参与平均的变瘦网络数 T（对数刻度）"},
    "theory.eval_rule": {"en": "eval mode", "zh": "评估模式"},
    "theory.accuracy_title": {"en": "Accuracy on {count:,} test images", "zh": "{count:,} 张测试图像上的准确率"},
    "theory.loss_title": {"en": "Loss on {count:,} test images", "zh": "{count:,} 张测试图像上的损失"},
    "theory.l1_geometric": {"en": "Eval mode to the geometric mean (T = {T})", "zh": "评估模式与几何平均之距（T = {T}）"},
    "theory.l1_arithmetic": {"en": "Eval mode to the arithmetic mean (T = {T})", "zh": "评估模式与算术平均之距（T = {T}）"},
    "theory.l1_help": {
        "en": "Mean over the test images of Σ_c |p_eval,c − p̄_c|: the L1 distance between eval mode's "
        "probabilities and the average's, from 0 (identical) to 2 (no class in common).",
        "zh": "测试图像上 Σ_c |p_eval,c − p̄_c| 的平均：评估模式的概率与平均概率之间的 L1 距离，"
        "从 0（完全相同）到 2（没有共同的类别）。",
    },
    "theory.average_reading": {
        "en": "Eval mode scores accuracy {eval_acc:.3f} (loss {eval_loss:.3f}). A single thinned network scores "
        "{one_acc:.3f} (loss {one_loss:.3f}). Over {T} thinned networks, the arithmetic mean of their "
        "probabilities scores {many_acc:.3f} (loss {many_loss:.3f}) and their normalised geometric mean "
        "{geo_acc:.3f} (loss {geo_loss:.3f}).",
        "zh": "评估模式的准确率为 {eval_acc:.3f}（损失 {eval_loss:.3f}）。单个变瘦网络为 {one_acc:.3f}"
        "（损失 {one_loss:.3f}）。对 {T} 个变瘦网络，概率的算术平均为 {many_acc:.3f}（损失 {many_loss:.3f}），"
        "归一化几何平均为 {geo_acc:.3f}（损失 {geo_loss:.3f}）。",
    },
    "theory.average_closer_geometric": {
        "en": "Eval mode's probabilities lie closer to the geometric mean (L1 distance {geometric:.3f}) than to "
        "the arithmetic mean ({arithmetic:.3f}), as Srivastava et al. lead one to expect: for a single softmax "
        "layer weight scaling gives exactly the normalised geometric mean of all thinned networks, and with "
        "hidden layers and ReLUs an approximation of it.",
        "zh": "评估模式的概率离几何平均（L1 距离 {geometric:.3f}）比离算术平均（{arithmetic:.3f}）更近，"
        "与 Srivastava 等人的论证所预期的一致：对单个 softmax 层，权重缩放恰好给出所有变瘦网络的归一化几何平均，"
        "有隐藏层和 ReLU 时则是它的近似。",
    },
    "theory.average_closer_arithmetic": {
        "en": "On this network eval mode's probabilities lie closer to the arithmetic mean (L1 distance "
        "{arithmetic:.3f}) than to the geometric mean ({geometric:.3f}). Srivastava et al. show that for a single "
        "softmax layer weight scaling gives exactly the normalised geometric mean; with ReLU hidden layers it "
        "approximates it only roughly, and here the approximation is loose.",
        "zh": "在这个网络上，评估模式的概率离算术平均（L1 距离 {arithmetic:.3f}）比离几何平均（{geometric:.3f}）更近："
        "Srivastava 等人证明：对单个 softmax 层，权重缩放恰好给出归一化几何平均；有 ReLU 隐藏层时只能粗略地近似它，"
        "而这里近似得并不好。",
    },
    "theory.average_closer_tied": {
        "en": "Eval mode's probabilities lie as close to the geometric mean as to the arithmetic mean (L1 distance "
        "{geometric:.3f}): without dropout every thinned network is the full network, so both averages equal the "
        "full network's prediction.",
        "zh": "评估模式的概率离几何平均和离算术平均一样近（L1 距离 {geometric:.3f}）：没有暂退法时每个变瘦网络都是"
        "完整网络，两种平均也都等于完整网络的预测。",
    },
    "theory.average_verdict_same": {
        "en": "One eval-mode pass does about as well as {T} thinned ones: its accuracy differs from their "
        "arithmetic mean's by {difference:+z.3f}, within two standard errors ({se:.3f} each) of that paired "
        "difference. At a hundredth of the cost, that is why it is the default.",
        "zh": "一次评估模式前向计算的效果与 {T} 个变瘦网络差不多：它的准确率与它们的算术平均相差 {difference:+z.3f}，"
        "在这一配对差值的两个标准误（每个 {se:.3f}）之内。成本只有百分之一，这就是它成为默认做法的原因。",
    },
    "theory.average_verdict_worse": {
        "en": "Here one eval-mode pass does worse than the arithmetic mean of {T} thinned networks: its accuracy "
        "differs by {difference:+z.3f}, more than two standard errors ({se:.3f} each) of that "
        "paired difference. Eval mode is an approximation, and on this network averaging many passes pays off.",
        "zh": "这里一次评估模式前向计算不如 {T} 个变瘦网络的算术平均：准确率之差为 {difference:+z.3f}，"
        "超过这一配对差值的两个标准误（每个 {se:.3f}）。评估模式只是近似，在这个网络上对许多次前向计算取平均是值得的。",
    },
    "theory.average_verdict_better": {
        "en": "Here one eval-mode pass does better than the arithmetic mean of {T} thinned networks: its accuracy "
        "differs by {difference:+z.3f}, more than two standard errors ({se:.3f} each) of that paired difference.",
        "zh": "这里一次评估模式前向计算比 {T} 个变瘦网络的算术平均更好：准确率之差为 {difference:+z.3f}，"
        "超过这一配对差值的两个标准误（每个 {se:.3f}）。",
    },
    # --- 3. MC dropout ----------------------------------------------------------------------------------------------
    "theory.mc_intro": {
        "en": "Gal & Ghahramani (2016): keep dropout on at test time and run T passes; their average is the "
        "prediction. Three readings of uncertainty from the passes: the **predictive entropy** "
        "H(p̄) = −Σ_c p̄_c log p̄_c (in nats) of the averaged probabilities is the *total* uncertainty; the "
        "**mutual information** H(p̄) − (1/T) Σ_t H(p_t), the predictive entropy minus the passes' mean entropy, "
        "is the part of it due to the passes *disagreeing* (zero when every pass says the same, however unsure); "
        "the **spread** is the standard deviation, across the passes, of the probability of the predicted class. "
        "Caveats: the drop rate p is fixed by hand, not learned, so how much the passes disagree depends on that "
        "choice as much as on the data; reading the passes as samples from a Bayesian posterior is an "
        "approximation (variational inference with a particular prior), not an exact posterior; and the "
        "eval-mode network's own softmax entropy, one pass, is the baseline these measures are compared with.",
        "zh": "Gal 与 Ghahramani（2016）：测试时保持暂退法开启，做 T 次前向计算；它们的平均就是预测。"
        "从这些前向计算中有三种读出不确定性的方式：平均概率的**预测熵** H(p̄) = −Σ_c p̄_c log p̄_c（单位：nat）"
        "是*总*不确定性；**互信息** H(p̄) − (1/T) Σ_t H(p_t)，即预测熵减去各次前向计算熵的平均，"
        "是其中由各次结果*彼此分歧*造成的部分（各次结果完全一致时为零，不论它们多没把握）；"
        "**离散度**是预测类别的概率在各次前向计算之间的标准差。注意：暂退概率 p 是人为固定的，不是学出来的，"
        "所以各次结果分歧多大，既取决于数据，也取决于这个选择；把各次前向计算看作贝叶斯后验的样本只是一种近似"
        "（带特定先验的变分推断），并不是精确的后验；评估模式网络自身 softmax 的熵只需一次前向计算，"
        "是这些度量的比较基线。",
    },
    "theory.T": {"en": "Passes T", "zh": "前向次数 T"},
    "theory.uncertainty": {"en": "Uncertainty measure", "zh": "不确定性度量"},
    "theory.uncertainty_entropy": {"en": "predictive entropy (nats)", "zh": "预测熵（nat）"},
    "theory.uncertainty_mutual_information": {
        "en": "mutual information (nats): disagreement between passes", "zh": "互信息（nat）：各次结果之间的分歧",
    },
    "theory.uncertainty_std": {"en": "spread of the predicted class's probability", "zh": "预测类别概率的离散度"},
    "theory.mc_accuracy": {"en": "Accuracy, average of T = {T}", "zh": "准确率（T = {T} 次平均）"},
    "theory.mc_split": {
        "en": "On these images the mean predictive entropy is {total:.3f} nats, of which the passes' disagreement "
        "(mutual information) accounts for {disagreement:.3f} ({share:.0%}); the rest is uncertainty every pass "
        "shares.",
        "zh": "在这些图像上，平均预测熵为 {total:.3f} nat，其中各次结果的分歧（互信息）占 {disagreement:.3f}"
        "（{share:.0%}）；其余部分是每次前向计算都共有的不确定性。",
    },
    "theory.uncertainty_right": {"en": "Mean uncertainty, right predictions", "zh": "平均不确定性：预测正确"},
    "theory.uncertainty_wrong": {"en": "Mean uncertainty, wrong predictions", "zh": "平均不确定性：预测错误"},
    "theory.no_dropout_no_spread": {
        "en": "This network has no dropout (p = 0), so all passes agree: the spread and the mutual information "
        "are zero everywhere.",
        "zh": "这个网络没有使用暂退法（p = 0），所有前向计算结果一致：离散度和互信息处处为零。",
    },
    "theory.right": {"en": "right", "zh": "正确"},
    "theory.wrong": {"en": "wrong", "zh": "错误"},
    "theory.prediction": {"en": "prediction", "zh": "预测"},
    "theory.images_axis": {"en": "test images", "zh": "测试图像数"},
    "theory.most_certain": {"en": "Most certain", "zh": "最确定的图像"},
    "theory.least_certain": {"en": "Least certain", "zh": "最不确定的图像"},
    "theory.image_key": {
        "en": "Under each image: the predicted class (its mean probability over the passes ± their spread) · the true "
        "class · the {measure}.",
        "zh": "每张图像下方：预测的类别（各次前向给它的平均概率 ± 离散度）· 真实类别 · {measure}。",
    },
    "theory.image_caption": {
        "en": "{predicted} ({probability:.2f} ± {spread:.2f}) · true: {true} · {uncertainty:.3f}",
        "zh": "{predicted}（{probability:.2f} ± {spread:.2f}）· 真实：{true} · {uncertainty:.3f}",
    },
    "theory.reject_title": {"en": "Set the least certain images aside", "zh": "把最不确定的图像放在一边"},
    "theory.reject_entropy": {"en": "MC dropout, predictive entropy (T = {T})", "zh": "MC 暂退法，预测熵（T = {T}）"},
    "theory.reject_mutual_information": {
        "en": "MC dropout, mutual information (T = {T})", "zh": "MC 暂退法，互信息（T = {T}）",
    },
    "theory.reject_std": {"en": "MC dropout, spread (T = {T})", "zh": "MC 暂退法，离散度（T = {T}）"},
    "theory.reject_eval_entropy": {
        "en": "eval mode, entropy of its softmax (baseline)", "zh": "评估模式，softmax 的熵（基线）",
    },
    "theory.reject_axis": {"en": "fraction of test images set aside", "zh": "放在一边的测试图像比例"},
    "theory.kept_accuracy_axis": {"en": "accuracy on the rest", "zh": "其余图像上的准确率"},
    "theory.reject_reading": {
        "en": "Keeping every image, the MC average scores {mc_base:.3f} and the eval pass {eval_base:.3f}. After "
        "setting the {fraction:.0%} least certain images aside ({kept:,} kept), the accuracy on the rest is "
        "{entropy:.3f} by MC predictive entropy, {mutual_information:.3f} by MC mutual information, {std:.3f} by "
        "MC spread and {eval_entropy:.3f} by the eval pass's softmax entropy. On these images the best was: "
        "{best}. That says which measure did best here, not which should.",
        "zh": "保留全部图像时，MC 平均的准确率为 {mc_base:.3f}，评估模式的一次前向计算为 {eval_base:.3f}。"
        "把最不确定的 {fraction:.0%} 的图像放在一边后（保留 {kept:,} 张），其余图像上的准确率为："
        "按 MC 预测熵 {entropy:.3f}，按 MC 互信息 {mutual_information:.3f}，按 MC 离散度 {std:.3f}，"
        "按评估模式 softmax 的熵 {eval_entropy:.3f}。在这些图像上最好的是：{best}。这只说明在这里哪种度量表现最好，"
        "而不是哪种理应最好。",
    },
    "theory.reject_verdict_better": {
        "en": "{name} sets errors aside better here: its rest differs from the eval pass's by {difference:+z.3f}, "
        "more than two bootstrap standard errors (± {band:.3f}) over these images.",
        "zh": "这里{name}更能把错误放在一边：其余图像的准确率与评估模式相差 {difference:+z.3f}，"
        "超过在这些图像上自助法估计的两倍标准误（± {band:.3f}）。",
    },
    "theory.reject_verdict_same": {
        "en": "{name} and the eval pass differ by {difference:+z.3f}, within two bootstrap standard errors "
        "(± {band:.3f}) over these images: no clear difference.",
        "zh": "{name}与评估模式相差 {difference:+z.3f}，在这些图像上自助法估计的两倍标准误（± {band:.3f}）之内："
        "没有明显差别。",
    },
    "theory.reject_verdict_worse": {
        "en": "The eval pass sets errors aside better here: {name} differs from it by {difference:+z.3f}, more than "
        "two bootstrap standard errors (± {band:.3f}) over these images.",
        "zh": "这里评估模式更能把错误放在一边：{name}与它相差 {difference:+z.3f}，"
        "超过在这些图像上自助法估计的两倍标准误（± {band:.3f}）。",
    },
    "theory.reject_useful": {
        "en": "An uncertainty is useful when its curve climbs: the images it sets aside are the ones the network "
        "gets wrong.",
        "zh": "曲线上升说明这种不确定性有用：它放在一边的正是网络会判错的图像。",
    },
    # --- 4. variants ------------------------------------------------------------------------------------------------
    "theory.variants_intro": {
        "en": "Dropout's relatives beside the original. Each draws its noise below; the table sets the mean and "
        "variance measured over many draws beside what theory predicts.",
        "zh": "暂退法的几个“亲戚”与原版并列。下面每一种都抽取自己的噪声；表格把多次抽样测得的均值和方差与理论预测并列比较。",
    },
    "theory.noise_seed": {"en": "Seed of the noise", "zh": "噪声的随机种子"},
    "theory.col_variant": {"en": "variant", "zh": "变体"},
    "theory.col_measured": {"en": "what is measured", "zh": "测量对象"},
    "theory.col_mean": {"en": "mean", "zh": "均值"},
    "theory.col_mean_theory": {"en": "mean, theory", "zh": "均值（理论）"},
    "theory.col_z_mean": {"en": "mean: z", "zh": "均值：z"},
    "theory.col_var": {"en": "variance", "zh": "方差"},
    "theory.col_var_theory": {"en": "variance, theory", "zh": "方差（理论）"},
    "theory.col_z_var": {"en": "variance: z", "zh": "方差：z"},
    "theory.variants_table_caption": {
        "en": "Measured over {n} draws. z = (measured − theory) / standard error: values between about −3 and 3 "
        "are what sampling noise alone produces.",
        "zh": "基于 {n} 次抽样测得。z = （测量值 − 理论值）/ 标准误：大约在 −3 到 3 之间的值仅由抽样噪声造成。",
    },
    "theory.variant": {"en": "Look at", "zh": "查看"},
    "theory.variant_bernoulli": {"en": "Bernoulli (original)", "zh": "伯努利暂退法（原版）"},
    "theory.variant_gaussian": {"en": "Gaussian dropout", "zh": "高斯暂退法"},
    "theory.variant_dropconnect": {"en": "DropConnect", "zh": "DropConnect"},
    "theory.variant_dropout2d": {"en": "Dropout2d", "zh": "Dropout2d"},
    "theory.variant_alpha": {"en": "AlphaDropout (SELU)", "zh": "AlphaDropout（SELU）"},
    "theory.variant_bernoulli_text": {
        "en": "**Inverted Bernoulli dropout**, the original: each value is multiplied by m / (1 − d) with "
        "m ~ Bernoulli(1 − d), that is by 0 or by 1/(1 − d). Mean 1, variance d/(1 − d).",
        "zh": "**反向伯努利暂退法**，即原版：每个值乘以 m / (1 − d)，m ~ Bernoulli(1 − d)，也就是乘以 0 或 1/(1 − d)。"
        "均值 1，方差 d/(1 − d)。",
    },
    "theory.variant_gaussian_text": {
        "en": "**Gaussian dropout** (Srivastava et al. 2014) multiplies by 1 + √(d/(1 − d)) · ε with "
        "ε ~ N(0, 1): the same mean 1 and variance d/(1 − d) as the Bernoulli multiplier, but no value is ever "
        "exactly zero.",
        "zh": "**高斯暂退法**（Srivastava 等人，2014）乘以 1 + √(d/(1 − d)) · ε，ε ~ N(0, 1)："
        "与伯努利乘子有相同的均值 1 和方差 d/(1 − d)，但没有任何值会恰好变成零。",
    },
    "theory.variant_dropconnect_text": {
        "en": "**DropConnect** (Wan et al. 2013) drops weights instead of units: each weight is kept with "
        "probability 1 − d, with a fresh mask M for every example. Shown here in the inverted form "
        "W ⊙ M / (1 − d), the app's choice so that its mean matches the other rows; the paper does not rescale "
        "during training, and at inference it approximates each unit's input by a Gaussian with the masked sum's "
        "mean and variance (moment matching) and averages the activation over samples of it. Measured: one "
        "output unit of a fixed layer with 8 inputs. Its mean is the output without dropout, its variance "
        "d/(1 − d) · Σ_j x_j² W_j².",
        "zh": "**DropConnect**（Wan 等人，2013）丢弃的是权重而不是单元：每个权重以概率 1 − d 保留，每个样本都用新的"
        "掩码 M。这里展示的是反向形式 W ⊙ M / (1 − d)，这是本应用的选择，为了让它的均值与其他几行一致；原论文训练时"
        "不做缩放，推理时则用一个与掩码求和的均值和方差相同的高斯分布来近似每个单元的输入（矩匹配），"
        "再对从中抽取的样本的激活值取平均。测量对象：一个固定的 8 输入层的一个输出单元。其均值等于不使用暂退法时的"
        "输出，方差为 d/(1 − d) · Σ_j x_j² W_j²。",
    },
    "theory.variant_dropout2d_text": {
        "en": "**Dropout2d** (Tompson et al. 2015) zeroes whole channels of an (N, C, H, W) feature map. "
        "Neighbouring pixels are strongly correlated, so dropping single pixels removes little information "
        "(the same observation led to DropBlock, Ghiasi et al. 2018). Each channel's multiplier is 0 or "
        "1/(1 − d): mean 1, variance d/(1 − d), measured once per channel.",
        "zh": "**Dropout2d**（Tompson 等人，2015）把 (N, C, H, W) 特征图的整个通道置零。相邻像素高度相关，"
        "所以丢弃单个像素几乎去不掉什么信息（同样的观察也促成了 DropBlock，Ghiasi 等人，2018）。"
        "每个通道的乘子为 0 或 1/(1 − d)：均值 1，方差 d/(1 − d)，每个通道测量一次。",
    },
    "theory.variant_alpha_text": {
        "en": "**AlphaDropout** (Klambauer et al. 2017) is for SELU networks. Dropped units are set to SELU's "
        "negative saturation value α′ = −λα ≈ −1.758 instead of 0, then an affine map a·x + b restores mean 0 and "
        "variance 1, so the network stays self-normalizing. Measured on SELU(z) with z ~ N(0, 1).",
        "zh": "**AlphaDropout**（Klambauer 等人，2017）用于 SELU 网络。被丢弃的单元被设为 SELU 的负饱和值 "
        "α′ = −λα ≈ −1.758 而不是 0，再用仿射变换 a·x + b 恢复均值 0 和方差 1，使网络保持自归一化。"
        "测量对象为 SELU(z)，z ~ N(0, 1)。",
    },
    "theory.variant_bernoulli_value": {"en": "multiplier of an input of 1", "zh": "输入为 1 时的乘子"},
    "theory.variant_gaussian_value": {"en": "multiplier of an input of 1", "zh": "输入为 1 时的乘子"},
    "theory.variant_dropconnect_value": {"en": "output of one unit", "zh": "一个单元的输出"},
    "theory.variant_dropout2d_value": {"en": "multiplier of a channel", "zh": "一个通道的乘子"},
    "theory.variant_alpha_value": {"en": "AlphaDropout(SELU(z))", "zh": "AlphaDropout(SELU(z))"},
    "theory.noise_bernoulli": {"en": "One draw of the multiplier, {rows} × {cols}", "zh": "一次抽取的乘子，{rows} × {cols}"},
    "theory.noise_gaussian": {"en": "One draw of the multiplier, {rows} × {cols}", "zh": "一次抽取的乘子，{rows} × {cols}"},
    "theory.noise_dropconnect": {
        "en": "Weight multiplier of a {rows} × {cols} layer, one example", "zh": "一个 {rows} × {cols} 层的权重乘子（一个样本）",
    },
    "theory.noise_alpha": {
        "en": "AlphaDropout of SELU(z), {rows} × {cols}", "zh": "SELU(z) 经 AlphaDropout 后，{rows} × {cols}",
    },
    "theory.noise_dropout2d": {
        "en": "Dropout2d: {rows} channels (rows) × {cols} positions", "zh": "Dropout2d：{rows} 个通道（行）× {cols} 个位置",
    },
    "theory.noise_elementwise": {"en": "Element-wise dropout, same shape", "zh": "逐元素暂退法，同样形状"},
    "theory.variant_dropout2d_caption": {
        "en": "Channels whose positions are all kept or all dropped together: Dropout2d {dropout2d:.0%}; "
        "element-wise dropout {elementwise:.0%} (theory (1 − d)^{positions} + d^{positions} = {theory:.1%}).",
        "zh": "所有位置同时保留或同时丢弃的通道比例：Dropout2d 为 {dropout2d:.0%}；逐元素暂退法为 {elementwise:.0%}"
        "（理论值 (1 − d)^{positions} + d^{positions} = {theory:.1%}）。",
    },
    "theory.variant_alpha_caption": {
        "en": "a = {a:.4f}, b = {b:.4f}: a dropped unit becomes a·α′ + b = {dropped:.4f}.",
        "zh": "a = {a:.4f}，b = {b:.4f}：被丢弃的单元变为 a·α′ + b = {dropped:.4f}。",
    },
    "theory.count_axis": {"en": "draws", "zh": "抽样次数"},
    "theory.theory_mean": {"en": "theoretical mean", "zh": "理论均值"},
    # --- predict, then see (ui/theory_lab/predictions.py) ---
    "theory.predict_side": {
        "en": "With dropout on the inputs, will the loss ‖y − X̃w‖² lie above or below ‖y − Xw‖² without it?",
        "zh": "对输入使用暂退法后，损失 ‖y − X̃w‖² 会高于还是低于不用暂退法时的 ‖y − Xw‖²？",
    },
    "theory.predict_above": {"en": "Above the loss without dropout", "zh": "高于不用暂退法时的损失"},
    "theory.predict_equal": {"en": "Equal to the loss without dropout", "zh": "等于不用暂退法时的损失"},
    "theory.predict_below": {"en": "Below the loss without dropout", "zh": "低于不用暂退法时的损失"},
    "theory.predict_amount": {
        "en": "By how much will the two losses differ (|with dropout − without|)?",
        "zh": "两个损失会相差多少（|用暂退法 − 不用暂退法|）？",
    },
    "theory.predict_amount_yours": {
        "en": "they differ by {answer} (right within ±{tolerance}: a quarter of the measured difference, or its "
        "Monte Carlo noise if larger)",
        "zh": "两者相差 {answer}（与实测相差不超过 ±{tolerance} 即算对：实测差值的四分之一，或其蒙特卡洛噪声，取较大者）",
    },
    "theory.predict_found": {
        "en": "Measured with {n} masks: {mc} − {plain} = {diff} (Monte Carlo noise ± {band}, two standard errors).",
        "zh": "用 {n} 个掩码测得：{mc} − {plain} = {diff}（蒙特卡洛噪声 ± {band}，即两倍标准误）。",
    },
    "theory.predict_noise": {
        "en": "Within Monte Carlo noise: {mc} − {plain} = {diff} is smaller than two standard errors (± {band}), so "
        "{n} masks cannot say whether the loss with dropout lies above or below.",
        "zh": "在蒙特卡洛噪声之内：{mc} − {plain} = {diff} 小于两倍标准误（± {band}），所以 {n} 个掩码无法说明"
        "使用暂退法的损失是更高还是更低。",
    },
    "theory.predict_amount_found": {
        "en": "The measured difference is {diff}: {ratio} times the loss without dropout.",
        "zh": "实测差值为 {diff}：是不用暂退法时损失的 {ratio} 倍。",
    },
    "theory.predict_score": {
        "en": "On these {count:,} test images, how will one eval-mode pass score against the average of {T} thinned "
        "networks (the mean of their probabilities)?",
        "zh": "在这 {count:,} 张测试图像上，一次评估模式前向计算的准确率与 {T} 个变瘦网络的平均（它们概率的均值）相比会怎样？",
    },
    "theory.predict_score_better": {"en": "Eval mode scores higher", "zh": "评估模式更高"},
    "theory.predict_score_same": {"en": "About the same (within noise)", "zh": "差不多（在噪声之内）"},
    "theory.predict_score_worse": {"en": "The average of {T} scores higher", "zh": "{T} 个变瘦网络的平均更高"},
    "theory.predict_score_found": {
        "en": "Measured: eval mode {eval:.3f}, the average of {T} {average:.3f}; eval mode minus the average, image "
        "by image: {difference:+z.3f} (noise ± {band:.3f}, two standard errors).",
        "zh": "实测：评估模式 {eval:.3f}，{T} 个变瘦网络的平均 {average:.3f}；逐张图像配对，评估模式减去平均为 "
        "{difference:+z.3f}（噪声 ± {band:.3f}，即两倍标准误）。",
    },
    "theory.predict_closer": {
        "en": "On this network, with its two ReLU hidden layers, which average of the thinned networks will eval "
        "mode's probabilities lie closer to?",
        "zh": "在这个有两个 ReLU 隐藏层的网络上，评估模式的概率会更接近变瘦网络的哪一种平均？",
    },
    "theory.predict_closer_geometric": {
        "en": "Their normalised geometric mean (T = {T})", "zh": "它们的归一化几何平均（T = {T}）",
    },
    "theory.predict_closer_arithmetic": {
        "en": "The arithmetic mean of their probabilities (T = {T})", "zh": "它们概率的算术平均（T = {T}）",
    },
    "theory.predict_closer_found": {
        "en": "Measured L1 distance from eval mode: {geometric:.3f} to the geometric mean, {arithmetic:.3f} to the "
        "arithmetic mean.",
        "zh": "实测与评估模式的 L1 距离：到几何平均 {geometric:.3f}，到算术平均 {arithmetic:.3f}。",
    },
    "theory.predict_gap": {
        "en": "Will the network be more uncertain about the images it gets wrong than about those it gets right? "
        "Measure: {measure}.",
        "zh": "与判对的图像相比，网络对判错的图像会更不确定吗？度量：{measure}。",
    },
    "theory.predict_gap_higher": {"en": "More uncertain on its wrong answers", "zh": "对判错的更不确定"},
    "theory.predict_gap_same": {"en": "About equally uncertain (within noise)", "zh": "差不多（在噪声之内）"},
    "theory.predict_gap_lower": {"en": "Less uncertain on its wrong answers", "zh": "对判错的反而更确定"},
    "theory.predict_gap_found": {
        "en": "Measured mean uncertainty: {wrong:.3f} on wrong predictions, {right:.3f} on right ones, a difference "
        "of {difference:+z.3f} (noise ± {band:.3f}, two standard errors).",
        "zh": "实测平均不确定性：判错的 {wrong:.3f}，判对的 {right:.3f}，相差 {difference:+z.3f}"
        "（噪声 ± {band:.3f}，即两倍标准误）。",
    },
    "theory.predict_gap_few": {
        "en": "Fewer than two wrong (or right) predictions on these images: too few to compare.",
        "zh": "这些图像中判错（或判对）的不到两张：太少，无法比较。",
    },
    "theory.predict_reject": {
        "en": "Set the {fraction:.0%} least certain test images aside. Whose uncertainty leaves the more accurate "
        "rest?",
        "zh": "把最不确定的 {fraction:.0%} 的测试图像放在一边。用谁的不确定性，剩下图像的准确率更高？",
    },
    "theory.predict_reject_better": {"en": "{name}", "zh": "{name}"},
    "theory.predict_reject_same": {"en": "No clear difference (within noise)", "zh": "没有明显差别（在噪声之内）"},
    "theory.predict_reject_worse": {
        "en": "Eval mode's softmax entropy (one pass)", "zh": "评估模式 softmax 的熵（一次前向）",
    },
    "theory.predict_reject_found": {
        "en": "Measured with {fraction:.0%} set aside ({kept:,} kept). {name}: {mc:.3f}. Eval mode's entropy: "
        "{eval:.3f}. Difference: {difference:+z.3f} (noise ± {band:.3f}: two standard errors, from resampling "
        "these images).",
        "zh": "把 {fraction:.0%} 的图像放在一边（保留 {kept:,} 张）后实测。{name}：{mc:.3f}。评估模式的熵：{eval:.3f}。"
        "相差 {difference:+z.3f}（噪声 ± {band:.3f}：对这些图像重抽样估计的两倍标准误）。"
    },
    "theory.predict_variance": {
        "en": "At d = {d:.2f}, what will the variance of Bernoulli dropout's multiplier m / (1 − d) be?",
        "zh": "在 d = {d:.2f} 时，伯努利暂退法的乘子 m / (1 − d) 的方差会是多少？",
    },
    "theory.predict_variance_yours": {
        "en": "variance {answer} (right within ±{tolerance:.3f} of the measured variance: 5% of it, or more where "
        "its sampling noise or the answer's 0.01 steps need it)",
        "zh": "方差 {answer}（与实测方差相差不超过 ±{tolerance:.3f} 即算对：取它的 5%，抽样噪声或答案的 0.01 步长"
        "需要时取更大）",
    },
    "theory.predict_variance_found": {
        "en": "Measured over {n} draws: {measured}. Theory: d / (1 − d) = {theory}.",
        "zh": "在 {n} 次抽样上实测：{measured}。理论值：d / (1 − d) = {theory}。",
    },
}
