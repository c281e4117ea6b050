"""Strings of the Bug hunt page (找错误). Dropout is 暂退法, as in the current d2l zh edition."""

STRINGS = {
    "bugs.title": {"en": "Bug hunt", "zh": "找错误"},
    "bugs.intro": {
        "en": "Six short dropout layers, each with one mistake seen in public code. For each one, read the code, "
        "compare its statistical fingerprint with correct dropout's and look at what it did to training; then "
        "commit to an answer. Only then does the page say which mistake it is, and why it matters.",
        "zh": "六个简短的暂退法层，每个都带有一个在公开代码中出现过的错误。对每一个：读代码，把它的统计指纹与正确的暂退法"
        "比较，再看看它对训练造成了什么影响；然后选定你的答案。之后页面才会告诉你这是哪种错误，以及它为什么要紧。",
    },
    # The suspect and p
    "bugs.suspect": {"en": "Layer under suspicion", "zh": "待查的层"},
    "bugs.suspect_option": {"en": "Layer {n}", "zh": "第 {n} 号层"},
    "bugs.p": {"en": "Drop probability p", "zh": "暂退概率 p"},
    "bugs.p_help": {
        "en": "The p the fingerprint is measured at (PyTorch's convention: the probability of dropping a unit). "
        "d2l's network uses 0.2 after its first hidden layer and 0.5 after its second.",
        "zh": "测量指纹时使用的 p（PyTorch 的约定：丢弃一个单元的概率）。d2l 的网络在第一个隐藏层之后用 0.2，"
        "第二个隐藏层之后用 0.5。",
    },
    # The clues
    "bugs.code_title": {"en": "The code", "zh": "代码"},
    "bugs.code_caption": {
        "en": "The layer's real code, with its name, docstring and comments hidden until you answer. The helpers it "
        "calls from `dropout_core/masks/functions.py` follow it.",
        "zh": "这一层真实的代码；在你作答之前，隐藏了它的函数名、文档字符串和注释。它调用的 "
        "`dropout_core/masks/functions.py` 中的辅助函数列在后面。",
    },
    "bugs.fingerprint_title": {"en": "Fingerprint", "zh": "统计指纹"},
    "bugs.fingerprint_caption": {
        "en": "Measured on a constant input x = {x:g}: one call in training mode and one in evaluation mode, each on a "
        "batch of {rows} examples × {units:,} units. ± is one standard error (the units are the independent draws); "
        "a value without ± has nothing random in it. Both layers use the same random draws, so where their columns "
        "differ, the code differs.",
        "zh": "在恒定输入 x = {x:g} 上测量：训练模式和评估模式各调用一次，每次作用于 {rows} 个样本 × {units:,} 个单元的"
        "小批量。± 后是一个标准误差（各单元是相互独立的抽样）；没有 ± 的数值不含任何随机性。两层使用相同的随机数，"
        "所以两列不同之处，就是代码不同之处。",
    },
    "bugs.col_quantity": {"en": "Quantity", "zh": "统计量"},
    "bugs.col_measured": {"en": "{layer}: measured", "zh": "{layer}：测量值"},
    "bugs.col_correct_measured": {"en": "Correct dropout: measured", "zh": "正确的暂退法：测量值"},
    "bugs.col_theory": {"en": "Closed form", "zh": "理论值（闭式）"},
    "bugs.col_answer_measured": {"en": "Measured", "zh": "测量值"},
    "bugs.col_z": {"en": "z", "zh": "z"},
    "bugs.col_correct_theory": {"en": "Correct dropout: closed form", "zh": "正确的暂退法：理论值"},
    "bugs.q_kept_fraction": {"en": "Fraction kept (training)", "zh": "保留比例（训练）"},
    "bugs.q_mean_ratio": {"en": "E[out] / x (training)", "zh": "E[输出] / x（训练）"},
    "bugs.q_variance_ratio": {"en": "Var[out] / x² (training)", "zh": "Var[输出] / x²（训练）"},
    "bugs.q_eval_mean_ratio": {"en": "E[out] / x (evaluation)", "zh": "E[输出] / x（评估）"},
    "bugs.q_eval_variance_ratio": {"en": "Var[out] / x² (evaluation)", "zh": "Var[输出] / x²（评估）"},
    "bugs.q_rows_agree": {
        "en": "Two examples agree: both kept or both dropped (training)",
        "zh": "两个样本一致：同时保留或同时丢弃（训练）",
    },
    "bugs.invisible": {
        "en": "At p = {p:g} this layer's fingerprint is exactly that of correct dropout: no measurement can tell them "
        "apart here. Try another p.",
        "zh": "在 p = {p:g} 时，这一层的指纹与正确的暂退法完全相同：此处任何测量都无法区分二者。换一个 p 试试。",
    },
    "bugs.training_title": {"en": "What it did to training", "zh": "它对训练的影响"},
    "bugs.training_reading": {
        "en": "Final test accuracy with this layer: {low:.3f} to {high:.3f} over its {runs} runs.",
        "zh": "用这一层时的最终测试准确率：{runs} 次运行中为 {low:.3f} 至 {high:.3f}。",
    },
    "bugs.training_reading_correct": {
        "en": "With correct dropout: {low:.3f} to {high:.3f} over {runs} runs.",
        "zh": "使用正确的暂退法：{runs} 次运行中为 {low:.3f} 至 {high:.3f}。",
    },
    "bugs.training_reading_collapsed": {
        "en": "{count} of its {runs} runs collapsed at some epoch (test accuracy far below the run's own best).",
        "zh": "它的 {runs} 次运行中有 {count} 次在某个迭代周期崩溃（测试准确率远低于该运行自己的最好值）。",
    },
    "bugs.training_caption": {
        "en": "Saved runs of d2l's network (dropout 0.2 and 0.5 after the hidden layers, d2l's settings) with this "
        "layer in place of dropout ({bug_runs} runs), beside the same network with correct dropout "
        "({reference_runs} runs).",
        "zh": "已保存的 d2l 网络的运行（隐藏层之后的暂退概率为 0.2 和 0.5，其余设置同 d2l），用这一层代替暂退法"
        "（{bug_runs} 次运行），并与使用正确暂退法的同一网络（{reference_runs} 次运行）对比。",
    },
    "bugs.no_runs": {
        "en": "The saved training runs of this layer are not in this copy of the app (`cached_runs/bugs/`), so its "
        "effect on training cannot be shown here. The code and the fingerprint are clues enough.",
        "zh": "此份应用中没有这一层已保存的训练运行（`cached_runs/bugs/`），因此这里无法展示它对训练的影响。"
        "代码和统计指纹已经是足够的线索。",
    },
    "bugs.no_reference": {
        "en": "The saved runs of correct dropout (`cached_runs/d2l/`, p = 0.2 / 0.5) are missing, so this layer's runs "
        "are shown alone.",
        "zh": "缺少使用正确暂退法的已保存运行（`cached_runs/d2l/`，p = 0.2 / 0.5），因此只显示这一层的运行。",
    },
    "bugs.series_correct": {"en": "Correct dropout", "zh": "正确的暂退法"},
    # The question
    "bugs.question": {"en": "Which mistake is this?", "zh": "这是哪种错误？"},
    "bugs.commit": {"en": "Commit my answer", "zh": "确定我的答案"},
    "bugs.commit_help": {
        "en": "The answer, the closed forms and the explanation appear once you commit.",
        "zh": "确定答案之后，才会显示正确答案、理论值（闭式）和解释。",
    },
    "bugs.option_randn_mask": {
        "en": "The mask is drawn from a normal distribution (torch.randn) instead of a uniform one (torch.rand)",
        "zh": "掩码取自正态分布（torch.randn），而不是均匀分布（torch.rand）",
    },
    "bugs.option_no_rescale": {
        "en": "The kept units are not scaled up by 1/(1 − p)",
        "zh": "保留下来的单元没有放大 1/(1 − p) 倍",
    },
    "bugs.option_rescale_at_test": {
        "en": "The 1/(1 − p) scaling is applied at test time too",
        "zh": "测试时也乘上了 1/(1 − p)",
    },
    "bugs.option_on_at_eval": {
        "en": "Dropout is left on in evaluation mode",
        "zh": "评估模式下暂退法仍然开着",
    },
    "bugs.option_shared_mask": {
        "en": "One mask is shared by every example of the batch",
        "zh": "小批量中的所有样本共用同一个掩码",
    },
    "bugs.option_scale_by_p": {
        "en": "The kept units are scaled by 1/p instead of 1/(1 − p)",
        "zh": "保留下来的单元乘以 1/p，而不是 1/(1 − p)",
    },
    # The answer
    "bugs.reveal_title": {"en": "The answer", "zh": "答案"},
    "bugs.right": {"en": "**Right.** Your answer: {answer}.", "zh": "**答对了。** 你的答案：{answer}。"},
    "bugs.wrong": {
        "en": "**Not this one.** Your answer: {answer}. The mistake: {truth}.",
        "zh": "**不对。** 你的答案：{answer}。实际的错误：{truth}。",
    },
    "bugs.answer": {"en": "The mistake: {truth}.", "zh": "错误在于：{truth}。"},
    "bugs.again": {"en": "Ask me again", "zh": "重新作答"},
    "bugs.answer_table_caption": {
        "en": "The closed forms are derived by hand, not from the measuring code. z is the measured value's distance "
        "from the closed form in standard errors: within a few, as chance allows (a value with nothing random in it "
        "must match exactly, or z is infinite).",
        "zh": "理论值是手工推导的，并非来自测量代码。z 是测量值与理论值之间相差几个标准误差：在随机误差允许的范围内，"
        "不过几个（不含随机性的数值必须完全相等，否则 z 为无穷大）。",
    },
    "bugs.real_code": {"en": "The real code, with its name and docstring:",
                       # The code is shown as it runs, its docstring in English: the explanation above says it.
                       "zh": "真实的代码，原样显示（含函数名和英文文档字符串，其意思即上文的说明）："},
    "bugs.explain_randn_mask": {
        "en": "**The mask uses `torch.randn`.** `torch.randn(X.shape) > p` keeps a unit when a *normal* draw exceeds "
        "p, which happens with probability 1 − Φ(p), not 1 − p; the survivors are still divided by 1 − p. So the "
        "fraction kept is 1 − Φ(p), E[out]/x = (1 − Φ(p))/(1 − p) instead of 1, and "
        "Var[out]/x² = (1 − Φ(p))/(1 − p)² − (E[out]/x)². At p = 0 it still drops half of the units; only near "
        "p = 0.783, where Φ(p) = p, does it happen to be right.",
        "zh": "**掩码用了 `torch.randn`。** `torch.randn(X.shape) > p` 在一个*正态*随机数超过 p 时保留单元，其概率是 "
        "1 − Φ(p)，而不是 1 − p；保留下来的单元却仍被除以 1 − p。所以保留比例是 1 − Φ(p)，E[输出]/x = "
        "(1 − Φ(p))/(1 − p) 而不是 1，Var[输出]/x² = (1 − Φ(p))/(1 − p)² − (E[输出]/x)²。在 p = 0 时它仍会丢掉一半"
        "单元；只有在 p = 0.783 附近（那里 Φ(p) = p）它才碰巧是对的。",
    },
    "bugs.explain_no_rescale": {
        "en": "**No rescale.** Units are kept with probability 1 − p, but the survivors are not divided by 1 − p, "
        "so E[out]/x = 1 − p and Var[out]/x² = p(1 − p). Evaluation keeps every unit at full size, so it sees "
        "activations 1/(1 − p) times larger than training did on average. (The original paper kept this training "
        "step and multiplied by 1 − p at test time instead.)",
        "zh": "**没有放大。** 单元以概率 1 − p 保留，但保留下来的单元没有除以 1 − p，所以 E[输出]/x = 1 − p，"
        "Var[输出]/x² = p(1 − p)。评估时保留全部单元且不缩放，因此看到的激活平均比训练时大 1/(1 − p) 倍。"
        "（原论文保留了这种训练方式，改为在测试时乘以 1 − p。）",
    },
    "bugs.explain_rescale_at_test": {
        "en": "**Rescaled at test time too.** Training is correct inverted dropout, but evaluation divides by 1 − p as "
        "well, although it drops nothing: in evaluation E[out]/x = 1/(1 − p) instead of 1. Every training value of "
        "the fingerprint is correct dropout's; only the evaluation mean gives it away.",
        "zh": "**测试时也放大了。** 训练时是正确的反向暂退法，但评估时虽然什么都不丢弃，也除以了 1 − p：评估模式下 "
        "E[输出]/x = 1/(1 − p) 而不是 1。指纹中训练模式的各项都与正确的暂退法相同，只有评估时的均值露出了破绽。",
    },
    "bugs.explain_on_at_eval": {
        "en": "**Left on at evaluation.** The layer ignores the training flag, so `model.eval()` still drops units at "
        "random: in evaluation E[out]/x = 1 but Var[out]/x² = p/(1 − p) instead of 0, and the same input gives a "
        "different output every time.",
        "zh": "**评估时仍然开着。** 这一层忽略了 training 标志，所以 `model.eval()` 之后仍在随机丢弃单元：评估模式下 "
        "E[输出]/x = 1，但 Var[输出]/x² = p/(1 − p) 而不是 0，同一个输入每次得到不同的输出。",
    },
    "bugs.explain_shared_mask": {
        "en": "**One mask for the whole batch.** The mask has shape (1, units) and is broadcast over the batch, so "
        "every example drops the same units. Each unit on its own looks right (fraction kept 1 − p, E[out]/x = 1, "
        "Var[out]/x² = p/(1 − p)); only comparing two examples shows it: they agree at every position, 1 instead "
        "of p² + (1 − p)².",
        "zh": "**整个小批量共用一个掩码。** 掩码的形状是 (1, 单元数)，在小批量上广播，所以每个样本丢弃的是同一批单元。"
        "单独看每个单元都没问题（保留比例 1 − p，E[输出]/x = 1，Var[输出]/x² = p/(1 − p)）；只有比较两个样本才能"
        "发现：它们在每个位置都一致，是 1 而不是 p² + (1 − p)²。",
    },
    "bugs.explain_scale_by_p": {
        "en": "**Scaled by 1/p.** The survivors are multiplied by 1/p, the inverse of the *drop* probability, instead "
        "of 1/(1 − p): E[out]/x = (1 − p)/p and Var[out]/x² = (1 − p)/p. At p = 0.5 the two scales agree, so the "
        "bug is invisible there; at any other p the training mean is off.",
        "zh": "**乘以了 1/p。** 保留下来的单元乘以 1/p（*丢弃*概率的倒数），而不是 1/(1 − p)：E[输出]/x = (1 − p)/p，"
        "Var[输出]/x² = (1 − p)/p。在 p = 0.5 时两种缩放相同，所以那里看不出这个错误；在其他任何 p 下，训练时的均值"
        "都不对。",
    },
    "bugs.training_randn_mask": {
        "en": "**In d2l's network** it keeps {keep1} of the first hidden layer's units (not 0.800) and {keep2} of the "
        "second's (not 0.500), and shrinks their mean to {mean1} · x and {mean2} · x. Training sees more noise and "
        "smaller activations than evaluation, which keeps every unit at full size: the network is evaluated at a "
        "scale it never trained at.",
        "zh": "**在 d2l 的网络中**，它在第一个隐藏层只保留 {keep1} 的单元（而不是 0.800），第二个隐藏层保留 {keep2}"
        "（而不是 0.500），并把它们的均值缩小到 {mean1} · x 和 {mean2} · x。训练时的噪声更大、激活更小，而评估时保留"
        "全部单元、不做缩放：网络是在一个从未训练过的尺度上被评估的。",
    },
    "bugs.training_no_rescale": {
        "en": "**In d2l's network** the first hidden layer's output is {mean1} · x on average in training and x in "
        "evaluation, the second's {mean2} · x against x: both layers are evaluated at a larger scale than they were "
        "trained at, and the mismatch compounds through the network. Scaling the logits alone would not change the "
        "predicted class, but the biases and the ReLU do not scale along, so test accuracy and, more, the test loss "
        "can suffer.",
        "zh": "**在 d2l 的网络中**，第一个隐藏层的输出在训练时平均为 {mean1} · x，评估时为 x；第二个隐藏层是 {mean2} · x "
        "对 x：两层都在比训练时更大的尺度上被评估，而且这种不匹配会在网络中逐层累积。单纯缩放 logits 不会改变预测的类别，"
        "但偏置和 ReLU 不会随之缩放，所以测试准确率、尤其是测试损失可能受损。",
    },
    "bugs.training_rescale_at_test": {
        "en": "**In d2l's network** the training steps are those of correct dropout, but every evaluation, and so every "
        "test accuracy and test loss, runs a network whose hidden layers are scaled by {eval1} and {eval2}. The "
        "weights it learns are fine; the numbers it reports are not.",
        "zh": "**在 d2l 的网络中**，训练的每一步都与正确的暂退法相同，但每一次评估（因而每一个测试准确率和测试损失）"
        "所用的网络，其隐藏层都被放大了 {eval1} 倍和 {eval2} 倍。学到的权重没有问题，报告出的数字却不对。",
    },
    "bugs.training_on_at_eval": {
        "en": "**In d2l's network** the training steps are those of correct dropout, but each test prediction comes "
        "from one random thinned network instead of the full network, which approximates the average of all of them: "
        "test accuracy is lower and changes from one evaluation to the next. (Keeping dropout on at test time on "
        "purpose, and averaging many passes, is MC dropout: see the Theory lab.)",
        "zh": "**在 d2l 的网络中**，训练的每一步都与正确的暂退法相同，但每个测试预测都来自一个随机的变瘦网络，而不是近似"
        "所有这些网络平均的完整网络：测试准确率更低，而且每次评估都不一样。（有意在测试时保持暂退法开启、并对多次前向"
        "计算取平均，就是 MC dropout：见“理论实验室”。）",
    },
    "bugs.training_shared_mask": {
        "en": "**In d2l's network** each step trains one thinned network on the whole batch of 256 examples, instead "
        "of a different one for each example. The gradient averages over the examples but not over masks, so it is "
        "noisier from step to step, and an epoch sees one mask per batch instead of one per example.",
        "zh": "**在 d2l 的网络中**，每一步都只用整个小批量（256 个样本）训练同一个变瘦网络，而不是每个样本各一个。梯度"
        "在样本上取了平均，却没有在掩码上取平均，所以每一步之间的噪声更大；一个迭代周期里每个小批量只见到一个掩码，"
        "而不是每个样本一个。",
    },
    "bugs.training_scale_by_p": {
        "en": "**In d2l's network** the second hidden layer (p = 0.5) is unaffected, but the first (p = 0.2) multiplies "
        "its survivors by 5 instead of 1.25: its output is {mean1} · x on average in training and x in evaluation. "
        "Training runs on much larger activations than evaluation, and with d2l's learning rate of 0.5 they also make "
        "larger steps for the next layer's weights.",
        "zh": "**在 d2l 的网络中**，第二个隐藏层（p = 0.5）不受影响，但第一个隐藏层（p = 0.2）把保留下来的单元乘以 5 而不是 "
        "1.25：它的输出在训练时平均为 {mean1} · x，评估时为 x。训练时的激活远大于评估时；在 d2l 的学习率 0.5 下，它们还会"
        "让下一层权重的更新步子更大。",
    },
}
