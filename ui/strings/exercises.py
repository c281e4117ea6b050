"""Strings for the Exercises page: the d2l Dropout chapter's seven exercises as experiments."""

STRINGS = {
    "exercises.title": {"en": "Exercises", "zh": "练习"},
    "exercises.intro": {
        "en": "The seven exercises at the end of d2l's Dropout chapter (5.6.7), each as an experiment. Commit to a "
        "prediction first, then see what saved runs of this app's engine show; every sentence below a result is "
        "computed from the runs shown. Any setting can be trained again live on the Train page.",
        "zh": "d2l“暂退法”一节（4.6.7）末尾的七道练习，每道都是一个实验。先写下你的预测，再看本应用的引擎保存的运行结果；"
        "结果下方的每一句话都由所示的运行计算得出。任何设置都可以在“实时训练”页重新实时训练。",
    },
    "exercises.section": {"en": "Exercise", "zh": "练习"},
    "exercises.section_drop_rates": {"en": "1 · Drop rates", "zh": "1 · 暂退概率"},
    "exercises.section_epochs": {"en": "2 · More epochs", "zh": "2 · 更多迭代周期"},
    "exercises.section_activations": {"en": "3 · Activation variance", "zh": "3 · 激活方差"},
    "exercises.section_test_time": {"en": "4 · Dropout at test time?", "zh": "4 · 测试时用暂退法？"},
    "exercises.section_weight_decay": {"en": "5 · With weight decay", "zh": "5 · 与权重衰减"},
    "exercises.section_dropconnect": {"en": "6 · DropConnect", "zh": "6 · DropConnect"},
    "exercises.section_noises": {"en": "7 · Other noises", "zh": "7 · 其他噪声"},
    "exercises.question": {"en": "**The exercise.** {text}", "zh": "**练习。** {text}"},
    "exercises.evidence": {"en": "What the runs show", "zh": "运行结果说明了什么"},
    "exercises.no_runs": {
        "en": "The saved runs for this exercise are missing from {folder}. Make them with "
        "`python -m dropout_core.cached_runs --experiment {experiment} --resume`.",
        "zh": "{folder} 中缺少这道练习的已保存运行。可以用 "
        "`python -m dropout_core.cached_runs --experiment {experiment} --resume` 生成。",
    },
    "exercises.live": {"en": "Train “{name}” live on the Train page", "zh": "在“实时训练”页实时训练“{name}”"},
    "exercises.live_help": {
        "en": "Opens the Train page with this setting filled in (seed 0); it trains with the same engine, slots and "
        "Stop button as any run there.",
        "zh": "打开“实时训练”页并填好此设置（随机种子 0）；与那里的任何运行一样，使用同一个引擎、训练名额和停止按钮。",
    },
    "exercises.runs_of": {"en": "{count} saved runs, seeds {seeds}", "zh": "{count} 个已保存运行，随机种子 {seeds}"},
    "exercises.verdict_right": {"en": "Your prediction matches the runs.", "zh": "你的预测与运行结果一致。"},
    "exercises.verdict_wrong": {"en": "The runs say otherwise.", "zh": "运行结果与你的预测不同。"},
    # --- names of the settings ---------------------------------------------------------------------------------
    "exercises.setting": {"en": "p1 = {p1:g}, p2 = {p2:g}", "zh": "p1 = {p1:g}，p2 = {p2:g}"},
    "exercises.setting_wd": {"en": "p1 = {p1:g}, p2 = {p2:g}, weight decay {wd:g}",
                             "zh": "p1 = {p1:g}，p2 = {p2:g}，权重衰减 {wd:g}"},
    "exercises.noise_dropout": {"en": "dropout {p1:g} / {p2:g}", "zh": "暂退法 {p1:g} / {p2:g}"},
    "exercises.noise_gaussian": {"en": "multiplicative Gaussian noise {p1:g} / {p2:g}",
                                 "zh": "乘性高斯噪声 {p1:g} / {p2:g}"},
    "exercises.noise_dropconnect": {"en": "DropConnect {p1:g} / {p2:g}", "zh": "DropConnect {p1:g} / {p2:g}"},
    "exercises.noise_additive": {"en": "additive Gaussian noise {p1:g} / {p2:g}", "zh": "加性高斯噪声 {p1:g} / {p2:g}"},
    "exercises.noise_none": {"en": "no dropout, no noise (p = 0)", "zh": "无暂退、无噪声（p = 0）"},
    # --- 1. drop rates -----------------------------------------------------------------------------------------
    "exercises.drop_rates_text": {
        "en": "What happens if you change the dropout probabilities of the first and second layers? In particular, "
        "what happens if you swap them? Design an experiment, describe the results quantitatively, and summarise "
        "the qualitative takeaways.",
        "zh": "如果更改第一层和第二层的暂退概率，会发生什么？特别是，如果交换这两个层，会发生什么？设计一个实验来回答这些问题，"
        "定量描述结果，并总结定性的结论。",
    },
    "exercises.drop_rates_design": {
        "en": "The experiment: d2l's network and training (10 epochs, 60,000 images) for every pair of drop rates "
        "from {rates}, {seeds} seeds each; the same seed means the same initial weights and batches in every cell.",
        "zh": "实验设计：d2l 的网络与训练方式（10 个迭代周期，60,000 张图像），暂退概率两两取自 {rates}，每个组合 {seeds} 个随机种子；"
        "同一个种子在每个格子里意味着相同的初始权重与批次。",
    },
    "exercises.drop_rates_predict": {
        "en": "d2l uses 0.2 after the first hidden layer and 0.5 after the second. Swapped (0.5 then 0.2), the final "
        "test accuracy is…",
        "zh": "d2l 在第一个隐藏层后用 0.2，第二个后用 0.5。交换之后（先 0.5 再 0.2），最终测试准确率会……",
    },
    "exercises.swap_higher": {"en": "higher than d2l's", "zh": "高于 d2l 的"},
    "exercises.swap_lower": {"en": "lower than d2l's", "zh": "低于 d2l 的"},
    "exercises.swap_same": {"en": "the same, within seed noise", "zh": "相同（在种子噪声范围内）"},
    "exercises.grid_metric": {"en": "Colour shows", "zh": "颜色表示"},
    "exercises.grid_final_test_acc": {"en": "final test accuracy (median)", "zh": "最终测试准确率（中位数）"},
    "exercises.grid_final_gap": {"en": "final train − test gap (median)", "zh": "最终训练 − 测试差距（中位数）"},
    "exercises.grid_p1": {"en": "p1 (after hidden layer 1)", "zh": "p1（第 1 个隐藏层之后）"},
    "exercises.grid_p2": {"en": "p2 (after hidden layer 2)", "zh": "p2（第 2 个隐藏层之后）"},
    "exercises.grid_spread": {"en": "seed range (max − min)", "zh": "种子间极差（最大 − 最小）"},
    "exercises.grid_best_final_gap": {
        "en": "Smallest median final train − test gap: {best} ({best_value:.4f}); largest: {worst} "
        "({worst_value:.4f}). Within a cell the seeds differ by {typical:.4f} (the median over cells; at most "
        "{spread:.4f}), so cells closer than that are not told apart by these runs.",
        "zh": "最终训练 − 测试差距中位数最小的是 {best}（{best_value:.4f}）；最大的是 {worst}（{worst_value:.4f}）。"
        "同一格中不同种子之间相差 {typical:.4f}（各格的中位数；最多 {spread:.4f}），因此相差小于此值的格子无法由这些运行区分。",
    },
    "exercises.grid_best_final_test_acc": {
        "en": "Highest median final test accuracy: {best} ({best_value:.4f}); lowest: {worst} ({worst_value:.4f}). "
        "Within a cell the seeds differ by {typical:.4f} (the median over cells; at most {spread:.4f}), so cells "
        "closer than that are not told apart by these runs.",
        "zh": "最终测试准确率中位数最高的是 {best}（{best_value:.4f}）；最低的是 {worst}（{worst_value:.4f}）。"
        "同一格中不同种子之间相差 {typical:.4f}（各格的中位数；最多 {spread:.4f}），因此相差小于此值的格子无法由这些运行区分。",
    },
    "exercises.grid_troubles": {
        "en": "Runs that diverged or collapsed: {which}.",
        "zh": "发散或崩溃的运行：{which}。",
    },
    "exercises.grid_trouble": {"en": "{setting}: {diverged} diverged, {collapsed} collapsed",
                               "zh": "{setting}：{diverged} 个发散，{collapsed} 个崩溃"},
    "exercises.swap_reading": {
        "en": "Swapped against d2l's, seed by seed: {text}",
        "zh": "交换后与 d2l 的设置逐种子比较：{text}",
    },
    "exercises.swap_missing": {"en": "The grid lacks the runs for 0.2/0.5 or 0.5/0.2.",
                               "zh": "网格中缺少 0.2/0.5 或 0.5/0.2 的运行。"},
    # --- 2. more epochs ----------------------------------------------------------------------------------------
    "exercises.epochs_text": {
        "en": "Increase the number of epochs and compare the results obtained when using dropout with those when "
        "not using it.",
        "zh": "增加训练轮数，并将使用暂退法和不使用暂退法时获得的结果进行比较。",
    },
    "exercises.epochs_experiment": {"en": "Runs", "zh": "运行"},
    "exercises.epochs_long": {"en": "50 epochs on 60,000 images (lr 0.5)", "zh": "60,000 张图像上训练 50 个迭代周期（lr 0.5）"},
    "exercises.epochs_small": {"en": "200 epochs on 2,000 images (lr 0.1, batch 32)",
                               "zh": "2,000 张图像上训练 200 个迭代周期（lr 0.1，批量 32）"},
    "exercises.epochs_predict": {
        "en": "After many epochs, which setting ends with the largest gap between training and test accuracy?",
        "zh": "训练很多个迭代周期之后，哪个设置的训练准确率与测试准确率之间的差距最大？",
    },
    "exercises.epochs_answer_unsettled": {
        "en": "The runs do not decide which ends with the largest final gap: {close}. The median of {names} rests on "
        "runs that diverged or were still collapsed at the end, so a guess of it, or of another here, is not "
        "marked. The others: {others}.",
        "zh": "这些运行无法判定哪个最终差距最大：{close}。{names} 的中位数依赖于发散或在最后仍处于崩溃中的运行，"
        "所以猜它、或猜这里的其他设置，都不作评判。其余：{others}。",
    },
    "exercises.epochs_answer": {
        "en": "Largest median final gap, clear of the others' seed spread: {largest}. The others: {others}.",
        "zh": "最终差距中位数最大、且超出其余设置种子波动范围的是：{largest}。其余：{others}。",
    },
    "exercises.epochs_answer_noise": {
        "en": "The seed spread cannot tell these apart, so the runs do not decide which ends with the largest final "
        "gap: {close}. The others: {others}.",
        "zh": "种子之间的波动无法区分这几个设置，所以这些运行无法判定哪个最终差距最大：{close}。其余：{others}。",
    },
    "exercises.epochs_gap": {"en": "{name} ({parts})", "zh": "{name}（{parts}）"},
    "exercises.epochs_separator": {"en": "; ", "zh": "；"},
    "exercises.epochs_gap_median": {"en": "median {gap:.4f}", "zh": "中位数 {gap:.4f}"},
    "exercises.epochs_gap_diverged": {"en": "from {count} of its {runs} runs: the rest diverged",
                                      "zh": "来自 {runs} 次运行中的 {count} 次：其余发散"},
    "exercises.epochs_gap_collapsed": {"en": "seed {seeds} still collapsed at its last epoch",
                                       "zh": "其中种子 {seeds} 到最后一个迭代周期仍处于崩溃状态"},
    # --- 3. activations ----------------------------------------------------------------------------------------
    "exercises.activations_text": {
        "en": "What is the variance of the activations in each hidden layer when dropout is and is not applied? "
        "Draw a plot to show how this quantity evolves over time for both models.",
        "zh": "当应用或不应用暂退法时，每个隐藏层中激活值的方差是多少？绘制一张图，说明这两个模型中该数值如何随时间变化。",
    },
    "exercises.activations_how": {
        "en": "After every epoch the engine measures, on the same 1,000 test images, the mean and variance (over all "
        "images and units) of each hidden layer's ReLU output: in training mode before the dropout layer and after "
        "it, and in eval mode. Medians over {seeds} seeds of d2l's runs; the band spans the seeds.",
        "zh": "每个迭代周期结束后，引擎在同样的 1,000 张测试图像上测量每个隐藏层 ReLU 输出的均值与方差（对所有图像和单元）："
        "训练模式下暂退层之前和之后，以及评估模式下。图中是 d2l 运行在 {seeds} 个种子上的中位数；阴影覆盖各种子的范围。",
    },
    "exercises.activations_predict": {
        "en": "In training mode, the dropout layer makes the variance of a layer's activations…",
        "zh": "在训练模式下，暂退层使该层激活值的方差……",
    },
    "exercises.variance_larger": {"en": "larger", "zh": "变大"},
    "exercises.variance_smaller": {"en": "smaller", "zh": "变小"},
    "exercises.variance_same": {"en": "unchanged", "zh": "不变"},
    "exercises.place_before_noise": {"en": "training, before dropout", "zh": "训练模式，暂退之前"},
    "exercises.place_after_noise": {"en": "training, after dropout", "zh": "训练模式，暂退之后"},
    "exercises.place_eval": {"en": "eval mode", "zh": "评估模式"},
    "exercises.layer_title": {"en": "Hidden layer {layer}: variance of the activations",
                              "zh": "第 {layer} 个隐藏层：激活值的方差"},
    "exercises.variance_axis": {"en": "variance", "zh": "方差"},
    "exercises.epoch_axis": {"en": "epoch", "zh": "迭代周期"},
    "exercises.activations_reading": {
        "en": "Last epoch, layer {layer}, with dropout p = {p:g}: variance {before:.4f} before the dropout layer and "
        "{after:.4f} after it (×{ratio:.2f}; for inverted dropout the second moment grows by 1/(1 − p) = "
        "{factor:.2f}, while the mean stays {mean:.4f}). Without dropout the same layer's variance is {plain:.4f} "
        "in eval mode, against {eval:.4f} for the network trained with dropout.",
        "zh": "最后一个迭代周期，第 {layer} 层，暂退概率 p = {p:g}：暂退层之前方差为 {before:.4f}，之后为 {after:.4f}"
        "（×{ratio:.2f}；反向暂退法使二阶矩增大 1/(1 − p) = {factor:.2f} 倍，而均值保持 {mean:.4f}）。"
        "不用暂退法时，同一层在评估模式下的方差为 {plain:.4f}，而用暂退法训练的网络为 {eval:.4f}。",
    },
    "exercises.activations_missing": {
        "en": "These runs carry no activation statistics (records older than version 3).",
        "zh": "这些运行没有激活统计（早于第 3 版的记录）。",
    },
    "exercises.with_dropout": {"en": "with dropout 0.2 / 0.5", "zh": "使用暂退法 0.2 / 0.5"},
    "exercises.without_dropout": {"en": "without dropout", "zh": "不使用暂退法"},
    # --- 4. test time ------------------------------------------------------------------------------------------
    "exercises.test_time_text": {
        "en": "Why is dropout not typically used at test time?",
        "zh": "为什么在测试时通常不使用暂退法？",
    },
    "exercises.test_time_predict": {
        "en": "On the Theory lab's trained network, which classifies the test images most accurately?",
        "zh": "在理论实验室训练好的网络上，哪种方式对测试图像分类最准确？",
    },
    "exercises.option_eval": {"en": "eval mode (dropout off)", "zh": "评估模式（关闭暂退法）"},
    "exercises.option_one_pass": {"en": "one pass with dropout on", "zh": "开启暂退法的一次前向"},
    "exercises.option_average": {"en": "the average of {T} passes with dropout on", "zh": "开启暂退法的 {T} 次前向的平均"},
    "exercises.test_time_best": {
        "en": "**Most accurate here: {best}**, ahead of the others by more than chance.",
        "zh": "**这里最准确的是：{best}**，领先其他方式的幅度超出偶然范围。",
    },
    "exercises.test_time_answer": {
        "en": "Eval mode {eval:.3f}, one dropout pass {one:.3f}, the average of {T} passes {average:.3f}, all on the "
        "same {count:,} test images. Against {best}, image by image: {gaps}; a gap within two standard errors is "
        "chance.",
        "zh": "评估模式 {eval:.3f}，一次暂退前向 {one:.3f}，{T} 次前向的平均 {average:.3f}，都在同样的 {count:,} 张"
        "测试图像上。逐张图像与{best}相比：{gaps}；差距在两个标准误以内属于偶然。",
    },
    "exercises.test_time_gap": {
        "en": "{name} {difference:+z.3f} (standard error {se:.3f})",
        "zh": "{name} {difference:+z.3f}（标准误 {se:.3f}）",
    },
    "exercises.test_time_tied": {
        "en": "**Tied within chance at the top: {names}.** Of these, {best} scored highest on these images, by less "
        "than chance can explain.",
        "zh": "**在偶然范围内并列最准确**：{names}。其中在这些图像上{best}得分最高，但领先的幅度在偶然范围之内。",
    },
    "exercises.test_time_why": {
        "en": "**Why.** One pass with dropout is one random thinned network: its answers change from pass to pass and "
        "it is usually less accurate. Eval mode approximates the average of all thinned networks in a single "
        "deterministic pass (inverted dropout already scaled the activations during training), so it gets the "
        "ensemble's benefit at the cost of one pass; averaging many dropout passes (MC dropout) costs T passes and "
        "is used when the spread between them — the uncertainty — is wanted.",
        "zh": "**原因。** 开启暂退法的一次前向只是一个随机的“变瘦”网络：每次答案都不同，而且通常更不准确。评估模式用一次确定性的"
        "前向近似所有变瘦网络的平均（反向暂退法在训练时已经完成了缩放），只需一次前向就得到集成的好处；对多次暂退前向取平均"
        "（MC 暂退法）要花 T 倍的计算，只在需要它们之间的离散程度（即不确定性）时才使用。",
    },
    "exercises.test_time_link": {"en": "MC dropout and uncertainty in the Theory lab", "zh": "理论实验室中的 MC 暂退法与不确定性"},
    # --- 5. weight decay ---------------------------------------------------------------------------------------
    "exercises.weight_decay_text": {
        "en": "What happens when dropout and weight decay are used at the same time? Are the results additive? Are "
        "there diminished returns (or worse)? Do they cancel each other out?",
        "zh": "如果同时使用暂退法和权重衰减，会发生什么？结果是累加的吗？收益是否减少（或者更糟）？它们会互相抵消吗？",
    },
    "exercises.weight_decay_strength": {"en": "Weight decay", "zh": "权重衰减"},
    "exercises.weight_decay_design": {
        "en": "The experiment: the overfitting regime (2,000 images, 200 epochs, lr 0.1, batch 32) with neither, "
        "dropout 0.2 / 0.5, weight decay {wd:g}, and both; {seeds} seeds, paired.",
        "zh": "实验设计：过拟合情形（2,000 张图像，200 个迭代周期，lr 0.1，批量 32），分别不用、只用暂退法 0.2 / 0.5、只用权重衰减 "
        "{wd:g}、两者同时用；{seeds} 个随机种子，成对比较。",
    },
    "exercises.weight_decay_predict": {
        "en": "Together, the change in final test accuracy from neither is…",
        "zh": "两者同时使用时，相对于都不用，最终测试准确率的变化……",
    },
    "exercises.interaction_adds_up": {"en": "about the sum of the two changes", "zh": "约等于两者变化之和"},
    "exercises.interaction_overlaps": {"en": "less than the sum (they overlap)", "zh": "小于两者之和（作用重叠）"},
    "exercises.interaction_reinforces": {"en": "more than the sum", "zh": "大于两者之和"},
    "exercises.interaction_unknown": {"en": "not decided by these runs", "zh": "这些运行无法判断"},
    "exercises.interaction_reading": {
        "en": "Change in final test accuracy from neither, mean over seeds {seeds}: dropout {a:+z.4f}, weight decay "
        "{b:+z.4f}, both {both:+z.4f}. Both minus the sum of the two, seed by seed: {per_seed}; mean {interaction:+z.4f}, "
        "95% interval {low:+z.4f} to {high:+z.4f}: {verdict}. An interval wholly below 0 means they overlap, above 0 "
        "that they reinforce each other; within ±{margin:.3f} that they add up. A wider one around 0 decides nothing.",
        "zh": "相对于都不用的最终测试准确率变化（种子 {seeds} 的均值）：暂退法 {a:+z.4f}，权重衰减 {b:+z.4f}，两者 {both:+z.4f}。"
        "两者同时用减去两者之和，逐个种子：{per_seed}；均值 {interaction:+z.4f}（95% 区间 {low:+z.4f} 至 {high:+z.4f}）："
        "{verdict}。区间整体低于 0 "
        "说明作用重叠，整体高于 0 说明相互增强；落在 ±{margin:.3f} 之内才说明可以累加。跨过 0 而更宽的区间什么也说明不了。",
    },
    "exercises.interaction_seed": {"en": "seed {seed} {value:+z.4f}", "zh": "种子 {seed} {value:+z.4f}"},
    "exercises.interaction_missing": {"en": "No seed has finished runs of all four settings.",
                                      "zh": "没有一个种子在全部四种设置下都有完成的运行。"},
    # --- 6. DropConnect ----------------------------------------------------------------------------------------
    "exercises.dropconnect_text": {
        "en": "What happens if we apply dropout to the individual weights of the weight matrix rather than the "
        "activations?",
        "zh": "如果我们将暂退法应用到权重矩阵的各个权重，而不是激活值，会发生什么？",
    },
    "exercises.dropconnect_how": {
        "en": "DropConnect (Wan et al. 2013): each weight that reads a hidden layer is kept with probability 1 − p and "
        "scaled by 1/(1 − p). Here one mask serves a whole batch (the paper draws one per example, which would "
        "need a weight matrix per image); the expected output is the same, the gradient noisier.",
        "zh": "DropConnect（Wan 等，2013）：读取隐藏层的每个权重以概率 1 − p 保留并乘以 1/(1 − p)。这里一个批次共用一个掩码"
        "（论文中每个样本各抽一个，那样每张图像都需要一个权重矩阵）；期望输出相同，梯度噪声更大。",
    },
    "exercises.dropconnect_reading": {
        "en": "DropConnect against dropout at the same p, seed by seed: {text}",
        "zh": "DropConnect 与相同 p 的暂退法逐种子比较：{text}",
    },
    "exercises.dropconnect_predict": {
        "en": "At the same p (0.2 / 0.5), DropConnect's final test accuracy compared with dropout's is…",
        "zh": "在相同的 p（0.2 / 0.5）下，DropConnect 的最终测试准确率与暂退法相比……",
    },
    "exercises.compare_higher": {"en": "higher", "zh": "更高"},
    "exercises.compare_lower": {"en": "lower", "zh": "更低"},
    "exercises.compare_same": {"en": "the same, within seed noise", "zh": "相同（在种子噪声范围内）"},
    # --- 7. other noises ---------------------------------------------------------------------------------------
    "exercises.noises_text": {
        "en": "Invent another technique for injecting random noise at each layer that is different from the "
        "standard dropout technique. Can you develop a method that outperforms dropout on the Fashion-MNIST "
        "dataset (for a fixed architecture)?",
        "zh": "发明另一种用于在每一层注入随机噪声的技术，该技术不同于标准的暂退法技术。尝试开发一种在 Fashion-MNIST 数据集"
        "（对于固定架构）上性能优于暂退法的方法。",
    },
    "exercises.noises_how": {
        "en": "Four noises after each hidden ReLU, all with d2l's p = 0.2 / 0.5 and the same seeds: dropout; Gaussian "
        "multiplicative noise N(1, p/(1 − p)), which has dropout's mean and variance but no zeros; DropConnect; "
        "additive noise N(0, p/(1 − p)), which does not scale with the activation; and no noise. A new noise is "
        "one function in dropout_core/training/noise.py.",
        "zh": "在每个隐藏层 ReLU 之后加入四种噪声，都用 d2l 的 p = 0.2 / 0.5 和相同的种子：暂退法；高斯乘性噪声 "
        "N(1, p/(1 − p))，均值和方差与暂退法相同但没有零；DropConnect；加性噪声 N(0, p/(1 − p))，它不随激活值缩放；"
        "以及无噪声。新增一种噪声只需在 dropout_core/training/noise.py 中加一个函数。",
    },
    "exercises.noises_predict": {
        "en": "Which ends with the highest final test accuracy after 10 epochs?",
        "zh": "训练 10 个迭代周期后，哪一种的最终测试准确率最高？",
    },
    "exercises.best_of": {
        "en": "Highest median final test accuracy: {name} ({value:.4f}); next: {second} ({second_value:.4f}). "
        "{noise}",
        "zh": "最终测试准确率中位数最高：{name}（{value:.4f}）；其次：{second}（{second_value:.4f}）。{noise}",
    },
    "exercises.best_clear": {
        "en": "Paired seed by seed, the lead is larger than the seed noise.",
        "zh": "逐种子配对比较，领先幅度大于种子噪声。",
    },
    "exercises.best_unclear": {
        "en": "Paired seed by seed, the lead is within the seed noise: these runs do not rank the two.",
        "zh": "逐种子配对比较，领先幅度在种子噪声范围内：这些运行无法区分二者的高低。",
    },
}
