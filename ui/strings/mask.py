"""Strings of the Mask explorer page."""

STRINGS = {
    "mask.title": {"en": "Mask explorer", "zh": "掩码探索"},
    "mask.intro": {
        "en": "Pick a tensor X and a drop probability p, and watch what dropout does to it: which elements the "
        "mask keeps, how the survivors are scaled up by 1/(1 − p), and why the output equals X *on average*.",
        "zh": "选一个张量 X 和暂退概率 p，看看暂退法对它做了什么：掩码保留了哪些元素、保留下来的元素如何被放大 "
        "1/(1 − p) 倍，以及为什么输出*在期望上*等于 X。",
    },
    # Input
    "mask.input": {"en": "Input X", "zh": "输入 X"},
    "mask.input_label": {"en": "Tensor", "zh": "张量"},
    "mask.input_d2l": {"en": "d2l example", "zh": "d2l 示例"},
    "mask.input_random": {"en": "Random", "zh": "随机张量"},
    "mask.input_image": {"en": "Fashion-MNIST image", "zh": "Fashion-MNIST 图像"},
    "mask.input_grid": {"en": "Your own numbers", "zh": "自己输入"},
    "mask.rows": {"en": "Rows", "zh": "行数"},
    "mask.cols": {"en": "Columns", "zh": "列数"},
    "mask.x_seed": {"en": "Seed for X", "zh": "X 的随机种子"},
    "mask.random_caption": {
        "en": "Values drawn from the standard normal distribution N(0, 1), so some are negative: "
        "the colours then diverge around 0.",
        "zh": "数值取自标准正态分布 N(0, 1)，其中有负数：颜色以 0 为中心向两侧变化。",
    },
    "mask.no_data": {
        "en": "Fashion-MNIST is not on this machine, so this input is unavailable; the other inputs work. "
        "The sidebar says how to get the data.",
        "zh": "本机没有 Fashion-MNIST，因此无法使用这个输入；其他输入照常可用。侧边栏说明了如何获取数据。",
    },
    "mask.data_failed": {
        "en": "Fashion-MNIST could not be read ({error}). The other inputs still work.",
        "zh": "无法读取 Fashion-MNIST（{error}）。其他输入照常可用。",
    },
    "mask.image_index": {"en": "Test image number (0–{last})", "zh": "测试集图像编号（0–{last}）"},
    "mask.image_caption": {
        "en": "Class: {label}. Pixels are divided by 255, as transforms.ToTensor() does.",
        "zh": "类别：{label}。像素值除以 255，与 transforms.ToTensor() 相同。",
    },
    "mask.image_scale_caption": {
        "en": "X and the output share one grey scale (black = 0), so in training mode the surviving pixels look "
        "brighter: they were divided by 1 − p.",
        "zh": "X 与输出使用同一灰度色标（黑色 = 0），所以在训练模式下保留的像素看起来更亮：它们被除以了 1 − p。",
    },
    "mask.grid_caption": {
        "en": "Type a number in any cell (for example 2.5, -1 or 1e3). Changing the shape resets the grid.",
        "zh": "在任意单元格中输入数字（例如 2.5、-1 或 1e3）。修改形状会重置表格。",
    },
    "mask.grid_invalid": {
        "en": "Some cells are not usable numbers, so dropout cannot be applied yet:",
        "zh": "有些单元格不是可用的数字，暂时无法应用暂退法：",
    },
    "mask.grid_empty": {"en": "X[{row}, {col}] is empty.", "zh": "X[{row}, {col}] 为空。"},
    "mask.grid_not_a_number": {
        "en": "X[{row}, {col}]: “{text}” is not a number.",
        "zh": "X[{row}, {col}]：“{text}” 不是数字。",
    },
    "mask.grid_not_finite": {
        "en": "X[{row}, {col}]: “{text}” is not a finite number (NaN and infinity are not allowed).",
        "zh": "X[{row}, {col}]：“{text}” 不是有限数（不允许 NaN 和无穷大）。",
    },
    "mask.grid_too_large": {
        "en": "X[{row}, {col}]: {text} is too large (at most {limit} in absolute value).",
        "zh": "X[{row}, {col}]：{text} 太大（绝对值最多为 {limit}）。",
    },
    "mask.grid_more": {"en": "… and {count} more.", "zh": "……还有 {count} 处。"},
    "mask.no_input": {
        "en": "Choose another input above, or fix this one, to see the mask and the output.",
        "zh": "请在上方换一个输入，或修正当前输入，以查看掩码和输出。",
    },
    # Dropout controls
    "mask.dropout": {"en": "Dropout", "zh": "暂退法"},
    "mask.p": {"en": "Drop probability p", "zh": "暂退概率 p"},
    "mask.p_help": {
        "en": "PyTorch's convention: p is the probability of DROPPING an element, as in nn.Dropout(p).",
        "zh": "PyTorch 的约定：p 是*丢弃*一个元素的概率，与 nn.Dropout(p) 相同。",
    },
    "mask.seed": {"en": "Seed for the mask", "zh": "掩码的随机种子"},
    "mask.resample": {"en": "Resample", "zh": "重新采样"},
    "mask.resample_help": {
        "en": "Draw a new seed: a new mask for the same X and p.",
        "zh": "抽取新的随机种子：对同样的 X 和 p 生成新的掩码。",
    },
    "mask.impl": {"en": "Implementation", "zh": "实现方式"},
    "mask.impl_scratch": {"en": "dropout_layer (d2l, from scratch)", "zh": "dropout_layer（d2l 从零实现）"},
    "mask.impl_scratch_caption": {
        "en": "mask = (torch.rand(X.shape) >= p); return mask * X / (1 − p)   (d2l writes > p. The two differ only "
        "when rand returns exactly p, which a float32 draw does with probability 2⁻²⁴ when p is a multiple of "
        "2⁻²⁴ (0.5 is): >= then keeps exactly a fraction 1 − p, > keeps 2⁻²⁴ less. p = 0 never reaches the "
        "mask: dropout_layer returns X first.)",
        "zh": "mask = (torch.rand(X.shape) >= p)；返回 mask * X / (1 − p)（d2l 写作 > p。两者只在 rand 恰好返回 p "
        "时不同：当 p 是 2⁻²⁴ 的整数倍时（0.5 就是），float32 的一次抽样以概率 2⁻²⁴ 恰好等于 p；>= 保留的比例恰为 "
        "1 − p，> 则少 2⁻²⁴。p = 0 时根本不会用到掩码：dropout_layer 先直接返回 X。）",
    },
    "mask.impl_module": {"en": "nn.Dropout(p)", "zh": "nn.Dropout(p)"},
    "mask.impl_module_caption": {"en": "the module of the concise implementation", "zh": "简洁实现中使用的模块"},
    "mask.impl_functional": {"en": "F.dropout(X, p, training)", "zh": "F.dropout(X, p, training)"},
    "mask.impl_functional_caption": {
        "en": "the function; inside forward pass training=self.training",
        "zh": "函数形式；在 forward 中要传入 training=self.training",
    },
    "mask.impl_randn": {"en": "✗ The randn mistake (a bug!)", "zh": "✗ randn 错误写法（这是个 bug！）"},
    "mask.impl_randn_caption": {
        "en": "torch.randn(X.shape) > p: shown only to see what goes wrong",
        "zh": "torch.randn(X.shape) > p：仅用于观察哪里出了错",
    },
    "mask.mode": {"en": "Mode", "zh": "模式"},
    "mask.mode_train": {"en": "Training mode · net.train()", "zh": "训练模式 · net.train()"},
    "mask.mode_eval": {"en": "Eval mode · net.eval()", "zh": "评估模式 · net.eval()"},
    "mask.randn_banner": {
        "en": "This implementation is a common mistake, shown for teaching: `torch.randn(X.shape) > p` keeps each "
        "element with probability 1 − Φ(p) = {keep}, not 1 − p = {should}. See “The randn mistake” below.",
        "zh": "这个实现是一个常见错误，仅用于教学：`torch.randn(X.shape) > p` 以概率 1 − Φ(p) = {keep} "
        "保留每个元素，而不是 1 − p = {should}。详见下方“randn 错误写法”。",
    },
    # Heatmaps
    "mask.x_title": {"en": "X (input)", "zh": "X（输入）"},
    "mask.mask_title": {"en": "Mask (1 = kept)", "zh": "掩码（1 = 保留）"},
    "mask.output_title_train": {"en": "Output = mask · X / (1 − p)", "zh": "输出 = 掩码 · X / (1 − p)"},
    "mask.output_title_eval": {"en": "Output = X (eval mode)", "zh": "输出 = X（评估模式）"},
    "mask.legend_value": {"en": "value", "zh": "数值"},
    "mask.legend_dropped": {"en": "0 dropped", "zh": "0 丢弃"},
    "mask.legend_kept": {"en": "1 kept", "zh": "1 保留"},
    "mask.too_large_to_annotate": {
        "en": "X is {rows} × {cols}: too large to print the values on the cells (at most {limit} × {limit}). "
        "The colours are still drawn; hover over a cell to read its value.",
        "zh": "X 的形状为 {rows} × {cols}，太大，无法在单元格上标出数值（最多 {limit} × {limit}）。"
        "颜色仍会画出；把鼠标悬停在单元格上即可读出数值。",
    },
    # Statistics
    "mask.kept_fraction": {"en": "Fraction kept", "zh": "保留比例"},
    "mask.kept_fraction_help": {
        "en": "The share of the mask's entries that are 1.",
        "zh": "掩码中取值为 1 的元素所占比例。",
    },
    "mask.kept_count": {"en": "{kept} of {total} elements", "zh": "{total} 个元素中保留了 {kept} 个"},
    "mask.kept_eval": {"en": "Eval mode keeps every element.", "zh": "评估模式保留所有元素。"},
    "mask.kept_should": {
        "en": "It should be 1 − p = {should} on average; with {n} elements it typically scatters by ±{spread} "
        "(binomial standard deviation).",
        "zh": "期望值应为 1 − p = {should}；有 {n} 个元素时，它通常会在 ±{spread} 范围内波动（二项分布的标准差）。",
    },
    "mask.kept_should_randn": {
        "en": "Dropout should keep 1 − p = {should}, but this code keeps 1 − Φ(p) = {actual} on average.",
        "zh": "暂退法应保留 1 − p = {should}，但这段代码平均只保留 1 − Φ(p) = {actual}。",
    },
    "mask.mean_x": {"en": "Mean of X", "zh": "X 的均值"},
    "mask.mean_output": {"en": "Mean of the output", "zh": "输出的均值"},
    "mask.mean_eval": {
        "en": "Eval mode draws no mask: the output is X, so its mean is mean(X) = {expected}.",
        "zh": "评估模式不抽取掩码：输出就是 X，所以它的均值等于 mean(X) = {expected}。",
    },
    "mask.mean_expected": {
        "en": "Expected over masks: {ratio} × mean(X) = {expected}.",
        "zh": "对掩码取期望：{ratio} × mean(X) = {expected}。",
    },
    # Eval mode and conventions
    "mask.eval_equal": {
        "en": "Eval mode: the output equals X exactly (checked with torch.equal). Dropout is the identity at inference.",
        "zh": "评估模式：输出与 X 完全相等（用 torch.equal 检查）。推理时暂退法是恒等映射。",
    },
    "mask.eval_not_equal": {
        "en": "Eval mode: the output differs from X, which should never happen. Please report it.",
        "zh": "评估模式：输出与 X 不同，这本不应发生。请报告这个问题。",
    },
    "mask.eval_why_title": {
        "en": "Why no rescale at inference? And the original paper's convention",
        "zh": "为什么推理时不需要缩放？以及原始论文的约定",
    },
    "mask.eval_why": {
        "en": "During training a kept element is divided by 1 − p, so E[x'] = (1 − p) · x / (1 − p) = x. "
        "The expected output already equals the input, so at inference there is nothing to correct: the layer "
        "passes x through unchanged. This is *inverted* dropout, PyTorch's convention.\n\n"
        "The original paper (Srivastava et al. 2014, JMLR) writes p for the probability of **keeping** a unit, "
        "leaves the survivors unscaled during training, and at test time multiplies the weights going out of "
        "each unit by p. "
        "Both make the test-time output match the training-time expectation; inverted dropout does the work "
        "during training, so the inference code needs no dropout at all. For your p:",
        "zh": "训练时被保留的元素要除以 1 − p，所以 E[x'] = (1 − p) · x / (1 − p) = x。"
        "输出的期望已经等于输入，因此推理时无需任何修正：这一层原样输出 x。这就是 PyTorch 采用的*反向*暂退法"
        "（inverted dropout）。\n\n"
        "原始论文（Srivastava 等，2014，JMLR）用 p 表示**保留**一个单元的概率，训练时不放大保留的单元，"
        "而在测试时把从每个单元出发的权重（该单元的输出权重）乘以 p。两种做法都让测试时的输出与训练时的期望一致；"
        "反向暂退法把这项工作放在训练阶段完成，所以推理代码完全不需要暂退法。对于你选的 p：",
    },
    "mask.conv_column": {"en": "Convention", "zh": "约定"},
    "mask.conv_paper": {"en": "Srivastava et al. 2014", "zh": "Srivastava 等，2014"},
    "mask.conv_pytorch": {"en": "PyTorch (inverted dropout)", "zh": "PyTorch（反向暂退法）"},
    "mask.conv_p_means": {"en": "What p means", "zh": "p 的含义"},
    "mask.conv_p_keep": {"en": "keep probability, p = {p}", "zh": "保留概率，p = {p}"},
    "mask.conv_p_drop": {"en": "drop probability, p = {p}", "zh": "暂退概率，p = {p}"},
    "mask.conv_train": {"en": "A kept unit in training", "zh": "训练时被保留的单元"},
    "mask.conv_test": {"en": "A unit at test time", "zh": "测试时的单元"},
    "mask.conv_train_mean": {"en": "Training mean E[x']", "zh": "训练时的期望 E[x']"},
    "mask.conv_note": {
        "en": "Read papers and code with care: the same letter p means opposite things. "
        "nn.Dropout(p) keeps a fraction 1 − p of the units.",
        "zh": "对照阅读论文和代码时要小心：同一个字母 p 的含义正好相反。nn.Dropout(p) 保留的是 1 − p 比例的单元。",
    },
    # The randn mistake
    "mask.randn_title": {
        "en": "The randn mistake: torch.randn(X.shape) > p",
        "zh": "randn 错误写法：torch.randn(X.shape) > p",
    },
    "mask.randn_explain": {
        "en": "`torch.randn` draws from the standard **normal** distribution N(0, 1), not from the uniform "
        "distribution on [0, 1) like `torch.rand`. So `torch.randn(X.shape) > p` is true with probability "
        "P(Z > p) = 1 − Φ(p), where Φ is the normal distribution function. At p = {p} it keeps {keep} of the "
        "elements instead of 1 − p = {should}; even at p = 0 it keeps only {keep_0}. Dividing by 1 − p then gives "
        "E[x'] = (1 − Φ(p)) / (1 − p) · x = {ratio} · x ≠ x: the layer is biased, and the network sees "
        "systematically different activations in training and at inference.",
        "zh": "`torch.randn` 从标准**正态**分布 N(0, 1) 中采样，而不是像 `torch.rand` 那样从 [0, 1) 上的均匀分布采样。"
        "因此 `torch.randn(X.shape) > p` 成立的概率是 P(Z > p) = 1 − Φ(p)，其中 Φ 是正态分布函数。"
        "当 p = {p} 时，它保留 {keep} 的元素，而不是 1 − p = {should}；即使 p = 0，也只保留 {keep_0}。"
        "再除以 1 − p，得到 E[x'] = (1 − Φ(p)) / (1 − p) · x = {ratio} · x ≠ x：这一层是有偏的，"
        "网络在训练和推理时看到的激活值会系统性地不同。",
    },
    "mask.randn_d2l_values": {
        "en": "At the chapter's rates: p = 0.2 keeps {keep_02} (E[x']/x = {ratio_02}); "
        "p = 0.5 keeps {keep_05} (E[x']/x = {ratio_05}).",
        "zh": "在本节使用的暂退概率下：p = 0.2 时保留 {keep_02}（E[x']/x = {ratio_02}）；"
        "p = 0.5 时保留 {keep_05}（E[x']/x = {ratio_05}）。",
    },
    "mask.expr_column": {"en": "Mask expression", "zh": "掩码表达式"},
    "mask.expr_probability": {"en": "P(keep)", "zh": "P(保留)"},
    "mask.expr_measured": {"en": "Kept in {n} draws", "zh": "{n} 次采样中的保留比例"},
    "mask.expr_verdict": {"en": "Correct?", "zh": "正确吗？"},
    "mask.expr_ok": {"en": "✓ keeps 1 − p", "zh": "✓ 保留 1 − p"},
    "mask.expr_wrong": {"en": "✗ keeps 1 − Φ(p)", "zh": "✗ 保留 1 − Φ(p)"},
    "mask.randn_uniform_note": {
        "en": "`torch.randn(X.shape).uniform_(0, 1)` is **not** a mistake: `uniform_` overwrites the normal "
        "values in place with uniform ones, so the mask is right (the normal draw is merely wasted).",
        "zh": "`torch.randn(X.shape).uniform_(0, 1)` **不是**错误：`uniform_` 会就地用均匀分布的值覆盖正态分布的值，"
        "所以掩码是对的（只是白白多采样了一次正态分布）。",
    },
    # Expectation view
    "mask.expectation": {"en": "Expectation: the mean over many masks", "zh": "期望：对许多掩码取平均"},
    "mask.no_mask_eval": {
        "en": "Eval mode draws no mask: every value passes through unchanged.",
        "zh": "评估模式不抽取掩码：每个值都原样通过。",
    },
    "mask.expectation_eval": {
        "en": "In eval mode every pass returns X itself, so there is nothing to average. Switch to training mode.",
        "zh": "评估模式下每次前向计算都原样返回 X，没有什么可平均的。请切换到训练模式。",
    },
    "mask.expectation_too_large": {
        "en": "The expectation view averages {n} resampled outputs, so it is limited to tensors of at most "
        "{limit} elements; X has {count}.",
        "zh": "期望视图要对 {n} 次重新采样的输出取平均，因此只适用于最多 {limit} 个元素的张量；X 有 {count} 个。",
    },
    "mask.expectation_exact": {
        "en": "Here every resampled output is exactly its expectation (or X is zero), "
        "so the running mean has no error to plot on a log axis.",
        "zh": "这里每次重新采样的输出都恰好等于其期望（或 X 全为零），所以在对数坐标上没有误差可画。",
    },
    "mask.n": {"en": "Average the first N outputs", "zh": "对前 N 个输出取平均"},
    "mask.curve_title": {"en": "Error of the mean of N outputs", "zh": "N 个输出之平均值的误差"},
    "mask.curve_x": {"en": "N (resampled masks)", "zh": "N（重新采样的掩码数）"},
    "mask.curve_y": {"en": "RMS distance to X", "zh": "与 X 的均方根距离"},
    "mask.curve_measured": {"en": "measured", "zh": "实测"},
    "mask.curve_theory": {"en": "theory", "zh": "理论"},
    "mask.mean_title": {"en": "Mean of {n} outputs", "zh": "{n} 个输出的平均"},
    "mask.theory_sqrt_n": {
        "en": "A kept element becomes x / (1 − p) (probability 1 − p), a dropped one 0 (probability p), so "
        "E[x'] = (1 − p) · x / (1 − p) + p · 0 = x. Averaging N independent masks divides the variance by N: "
        "the error of the mean shrinks like 1/√N, ten times less for a hundred times more samples.",
        "zh": "被保留的元素变为 x / (1 − p)（概率 1 − p），被丢弃的变为 0（概率 p），所以 "
        "E[x'] = (1 − p) · x / (1 − p) + p · 0 = x。对 N 个独立掩码取平均，方差除以 N："
        "平均值的误差按 1/√N 缩小，样本多一百倍，误差小十倍。",
    },
    "mask.theory_all_dropped": {
        "en": "At p = 1 every unit is dropped: the output is 0 whatever X is, and inverted dropout's factor "
        "1/(1 − p) is undefined (the layer returns zeros instead of dividing by zero). So E[x'] = 0, not x, and "
        "averaging more masks changes nothing: the error stays at RMS(X) = {floor}.",
        "zh": "p = 1 时每个单元都被丢弃：无论 X 是什么，输出都是 0，反向暂退法的因子 1/(1 − p) 没有定义"
        "（这一层直接返回零，而不去除以零）。所以 E[x'] = 0 而不是 x，平均再多的掩码也无济于事："
        "误差始终是 RMS(X) = {floor}。",
    },
    "mask.theory_randn_floor": {
        "en": "With the randn mistake the mean converges to {ratio} · X, not X, so the error levels off at "
        "|{ratio} − 1| · RMS(X) = {floor} however many masks you average.",
        "zh": "在 randn 错误写法下，平均值收敛到 {ratio} · X 而不是 X，所以无论平均多少个掩码，"
        "误差都会停在 |{ratio} − 1| · RMS(X) = {floor}。",
    },
    "mask.theory_correct_for_comparison": {
        "en": "For comparison, correct dropout:",
        "zh": "作为对比，正确的暂退法：",
    },
    "mask.error_at_n": {"en": "RMS error after N = {n}", "zh": "N = {n} 时的均方根误差"},
    "mask.error_at_n_help": {
        "en": "Root-mean-square difference, over all elements, between X and the mean of the first N outputs.",
        "zh": "X 与前 N 个输出的平均值之差，在所有元素上的均方根。",
    },
    "mask.error_theory_at_n": {"en": "Theory: {theory}.", "zh": "理论值：{theory}。"},
    "mask.fitted_ratio": {
        "en": "After {n} masks the mean output ≈ {fitted} · X (theory: {expected} · X).",
        "zh": "平均 {n} 个掩码后，输出的平均值 ≈ {fitted} · X（理论值：{expected} · X）。",
    },
    "mask.variants_link": {
        "en": "Other noises beside this mask: Gaussian dropout, DropConnect, Dropout2d and AlphaDropout, "
        "each with its measured mean and variance (Theory lab)",
        "zh": "这种掩码之外的其他噪声：高斯暂退法、DropConnect、Dropout2d 与 AlphaDropout，"
        "各附实测的均值与方差（理论实验室）",
    },
    # --- predict, then see (ui/mask_explorer/predictions.py) ---
    "mask.predict_kept": {"en": "How many of the {total} elements will survive?",
                          "zh": "这 {total} 个元素中会有多少个被保留？"},
    "mask.predict_mean": {"en": "What will the mean of the output be?", "zh": "输出的均值会是多少？"},
    "mask.predict_eval": {"en": "In eval mode, what will the output be?", "zh": "在评估模式下，输出会是什么？"},
    "mask.predict_eval_same": {"en": "X itself, unchanged", "zh": "X 本身，不变"},
    "mask.predict_eval_scaled_up": {"en": "X · 1/(1 − p) = X · {up}", "zh": "X · 1/(1 − p) = X · {up}"},
    "mask.predict_eval_scaled_down": {"en": "X · (1 − p) = X · {down}", "zh": "X · (1 − p) = X · {down}"},
    "mask.predict_eval_zeroed": {"en": "X with some elements set to 0", "zh": "X 中有些元素被置为 0"},
    "mask.predict_kept_yours": {
        "en": "{answer} of {total} kept (right within ±{spread}, how much the count varies from mask to mask)",
        "zh": "保留 {answer} / {total} 个（与实际相差不超过 ±{spread} 即算对：这是保留个数在不同掩码之间的标准差）",
    },
    "mask.predict_mean_yours": {
        "en": "mean {answer} (right within ±{spread}, how much the mean varies from mask to mask)",
        "zh": "均值 {answer}（与实际相差不超过 ±{spread} 即算对：这是均值在不同掩码之间的标准差）",
    },
    "mask.predict_kept_average": {
        "en": "Your guess is what dropout keeps on average ({expected}); this mask happened to keep {kept}.",
        "zh": "你的猜测正是暂退法平均保留的个数（{expected}）；这个掩码碰巧保留了 {kept} 个。",
    },
    "mask.predict_mean_average": {
        "en": "Your guess is the output's mean on average ({expected}); this mask happened to give {mean}.",
        "zh": "你的猜测正是输出均值的平均值（{expected}）；这个掩码碰巧得到 {mean}。",
    },
}
