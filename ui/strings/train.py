"""Strings for the Train live page and the metric names shared with Compare."""

STRINGS = {
    "train.title": {"en": "Train live", "zh": "实时训练"},
    "train.intro": {
        "en": "The experiment of the d2l chapter: an MLP 784-256-256-10 on Fashion-MNIST, dropout after each "
        "hidden ReLU, SGD. It trains here, on {device}, and the curves grow while it trains.",
        "zh": "d2l 本节的实验：在 Fashion-MNIST 上训练 784-256-256-10 的多层感知机，每个隐藏层的 ReLU 之后接一个 Dropout 层，"
        "用 SGD 优化。它就在这里、在 {device} 上训练，曲线随训练实时增长。",
    },
    "train.settings": {"en": "Settings", "zh": "设置"},
    "train.preset_d2l": {"en": "d2l preset (0.2 / 0.5)", "zh": "d2l 预设（0.2 / 0.5）"},
    "train.preset_d2l_help": {
        "en": "The book's experiment: dropout 0.2 after hidden layer 1 and 0.5 after hidden layer 2, SGD with "
        "learning rate 0.5, batch 256, 10 epochs on all 60,000 images.",
        "zh": "书中的实验：第 1 个隐藏层后暂退概率 0.2、第 2 个隐藏层后 0.5，SGD 学习率 0.5，批量大小 256，"
        "在全部 60,000 张图像上训练 10 个迭代周期。",
    },
    "train.preset_no_dropout": {"en": "No dropout", "zh": "不使用暂退法"},
    "train.preset_no_dropout_help": {
        "en": "The book's experiment with both drop rates at 0: the baseline dropout is measured against.",
        "zh": "把两个暂退概率都设为 0 的书中实验：衡量暂退法效果的基线。",
    },
    "train.preset_small": {"en": "Small data (2,000 images, 200 epochs)", "zh": "小数据（2,000 张图像，200 个迭代周期）"},
    "train.preset_small_help": {
        "en": "2,000 training images for 200 epochs, with learning rate 0.1 and batches of 32 (63 steps an "
        "epoch): a network without dropout memorises its training images (train accuracy in eval mode reaches "
        "1) while its test loss climbs. Run it with and without dropout (or as a paired run) and watch the test "
        "loss and the gap.",
        "zh": "2,000 张训练图像，训练 200 个迭代周期，学习率 0.1，批量大小 32（每个迭代周期 63 步）："
        "不用暂退法的网络会记住训练图像（评估模式下的训练准确率达到 1），同时测试损失不断上升。"
        "分别开启和关闭暂退法（或用配对运行）训练，观察测试损失和差距。",
    },
    "train.p1": {"en": "Drop rate after hidden layer 1 (p1)", "zh": "第 1 个隐藏层后的暂退概率（p1）"},
    "train.p2": {"en": "Drop rate after hidden layer 2 (p2)", "zh": "第 2 个隐藏层后的暂退概率（p2）"},
    "train.epochs": {"en": "Epochs", "zh": "迭代周期数"},
    "train.lr": {"en": "Learning rate", "zh": "学习率"},
    "train.batch": {"en": "Batch size", "zh": "批量大小"},
    "train.train_size": {"en": "Training images", "zh": "训练图像数"},
    "train.train_size_help": {
        "en": "60,000 is the full training set. With 1,000 or 5,000 images the network can memorise them: "
        "that is where overfitting, and dropout's effect on it, shows.",
        "zh": "60,000 是完整训练集。只用 1,000 或 5,000 张图像时网络能把它们记住：过拟合以及暂退法对它的作用在这里最明显。",
    },
    "train.h1": {"en": "Hidden units, layer 1", "zh": "第 1 个隐藏层单元数"},
    "train.h2": {"en": "Hidden units, layer 2", "zh": "第 2 个隐藏层单元数"},
    "train.impl": {"en": "Implementation", "zh": "实现方式"},
    "train.impl_scratch": {"en": "From scratch (dropout_layer)", "zh": "从零实现（dropout_layer）"},
    "train.impl_concise": {"en": "Concise (nn.Dropout)", "zh": "简洁实现（nn.Dropout）"},
    "train.init": {"en": "Weight initialisation", "zh": "权重初始化"},
    "train.init_normal": {"en": "Normal(0, 0.01), as d2l", "zh": "正态分布 N(0, 0.01)，同 d2l"},
    "train.init_default": {"en": "PyTorch default", "zh": "PyTorch 默认"},
    "train.wd": {"en": "Weight decay", "zh": "权重衰减"},
    "train.noise": {"en": "Noise after each hidden ReLU", "zh": "每个隐藏层 ReLU 之后的噪声"},
    "train.noise_help": {
        "en": "What p1 and p2 are the strength of. Dropout is d2l's; the others are exercise 7's alternatives "
        "(the Exercises page compares them). DropConnect drops weights instead of activations.",
        "zh": "p1 与 p2 所表示的是哪种噪声的强度。暂退法即 d2l 的做法；其余是练习 7 的替代方案"
        "（练习页对它们作了比较）。DropConnect 丢弃的是权重而不是激活值。",
    },
    "train.noise_dropout": {"en": "Dropout (Bernoulli, rescaled)", "zh": "暂退法（伯努利，重新缩放）"},
    "train.noise_gaussian": {"en": "Gaussian multiplicative N(1, p/(1−p))", "zh": "高斯乘性噪声 N(1, p/(1−p))"},
    "train.noise_dropconnect": {"en": "DropConnect (drops weights)", "zh": "DropConnect（丢弃权重）"},
    "train.noise_additive": {"en": "Additive Gaussian N(0, p/(1−p))", "zh": "加性高斯噪声 N(0, p/(1−p))"},
    "train.noise_none": {"en": "None (p is ignored)", "zh": "无噪声（忽略 p）"},
    "train.seed": {"en": "Seed", "zh": "随机种子"},
    "train.device": {"en": "Device", "zh": "设备"},
    "train.device_auto": {"en": "Best available", "zh": "自动选择最佳"},
    "train.paired": {"en": "Paired run: also train p = 0", "zh": "配对运行：同时训练 p = 0"},
    "train.paired_help": {
        "en": "Trains p = 0 beside your setting with the same initial weights and the same batch order, "
        "so the only difference is dropout.",
        "zh": "在你的设置旁边同时训练 p = 0，初始权重和小批量的顺序都相同，唯一的区别就是暂退法。",
    },
    "train.bad_config": {"en": "These settings cannot train: {error}", "zh": "这些设置无法训练：{error}"},
    "train.start": {"en": "Start", "zh": "开始"},
    "train.stop": {"en": "Stop", "zh": "停止"},
    "train.resume": {"en": "Resume", "zh": "继续"},
    "train.step": {"en": "Step (one epoch)", "zh": "单步（一个迭代周期）"},
    "train.step_new": {"en": "Step a new run (one epoch)", "zh": "单步训练新的运行（一个迭代周期）"},
    "train.no_run": {
        "en": "Press Start to train with these settings, or Step to train one epoch at a time.",
        "zh": "按“开始”用这些设置训练，或按“单步”一次训练一个迭代周期。",
    },
    "train.progress": {
        "en": "{percent:.0f} % · {rate:,.0f} images/s · {left} left · on {device}",
        "zh": "{percent:.0f}% · 每秒 {rate:,.0f} 张图像 · 剩余 {left} · 设备：{device}",
    },
    "train.progress_waiting": {
        "en": "{percent:.0f} % · waiting for a training slot · on {device}",
        "zh": "{percent:.0f}% · 正在等待训练名额 · 设备：{device}",
    },
    "train.progress_still": {
        "en": "{percent:.0f} % · trained at {rate:,.0f} images/s · on {device}",
        "zh": "{percent:.0f}% · 训练速度为每秒 {rate:,.0f} 张图像 · 设备：{device}",
    },
    "train.progress_starting": {
        "en": "{percent:.0f} % · measuring the speed · on {device}",
        "zh": "{percent:.0f}% · 正在测量速度 · 设备：{device}",
    },
    "train.status_paused": {
        "en": "Paused at the end of epoch {epochs}. Everything so far is kept: Resume continues the same run.",
        "zh": "已在第 {epochs} 个迭代周期结束时暂停。已有结果全部保留：按“继续”接着训练同一次运行。",
    },
    "train.status_paused_within": {
        "en": "Stopped after {percent:.0f} % of epoch {epoch}. Everything so far is kept: Resume continues the "
        "same run from the batch where it stopped.",
        "zh": "已在第 {epoch} 个迭代周期完成 {percent:.0f}% 时停止。已有结果全部保留：按“继续”从停下的那个批量接着训练同一次运行。",
    },
    "train.status_finished": {"en": "Finished.", "zh": "训练完成。"},
    "train.diverged": {
        "en": "{run}: diverged at epoch {epoch} (the training loss became NaN or infinite). "
        "Plain SGD at a large learning rate can blow up, especially without dropout.",
        "zh": "{run}：在第 {epoch} 个迭代周期发散（训练损失变为 NaN 或无穷大）。"
        "学习率较大的普通 SGD 可能发散，不用暂退法时尤其如此。",
    },
    "train.waiting": {
        "en": "Trainings running on this server: {busy}, its limit. Yours starts as soon as one finishes "
        "(it waits here; nothing is lost).",
        "zh": "本服务器上已有 {busy} 个训练在运行，达到上限。有一个结束后你的训练就会开始（在此等待，不会丢失任何内容）。",
    },
    "train.run_paired": {"en": "p1 = 0, p2 = 0 (paired)", "zh": "p1 = 0，p2 = 0（配对）"},
    "train.run_paired_named": {"en": "{name} (paired)", "zh": "{name}（配对）"},
    # A run's setting in a legend or a sentence (ui.runs.setting_words): each field that differs from d2l's.
    "setting.separator": {"en": ", ", "zh": "，"},
    "setting.noise_gaussian": {"en": "Gaussian noise", "zh": "高斯乘性噪声"},
    "setting.noise_dropconnect": {"en": "DropConnect", "zh": "DropConnect"},
    "setting.noise_additive": {"en": "additive noise", "zh": "加性高斯噪声"},
    "setting.noise_none": {"en": "no noise", "zh": "无噪声"},
    "setting.lr": {"en": "learning rate {value:g}", "zh": "学习率 {value:g}"},
    "setting.batch": {"en": "batch {value}", "zh": "批量 {value}"},
    "setting.hidden": {"en": "hidden {h1}×{h2}", "zh": "隐藏层 {h1}×{h2}"},
    "setting.impl_scratch": {"en": "dropout_layer", "zh": "dropout_layer"},
    "setting.impl_concise": {"en": "nn.Dropout", "zh": "nn.Dropout"},
    "setting.init_normal": {"en": "init N(0, 0.01)", "zh": "初始化 N(0, 0.01)"},
    "setting.init_default": {"en": "PyTorch init", "zh": "PyTorch 默认初始化"},
    "setting.wd": {"en": "weight decay {value:g}", "zh": "权重衰减 {value:g}"},
    "setting.images": {"en": "{count:,} images", "zh": "{count:,} 张图像"},
    "setting.seed": {"en": "seed {seed}", "zh": "种子 {seed}"},
    "train.replay_offer": {"en": "▶ Watch the saved run of these settings now", "zh": "▶ 立即观看这组设置的已保存运行"},
    "train.replay_help": {
        "en": "A replay of a run trained earlier by the same engine with exactly these settings (saved with the "
        "app). Your own run starts as soon as a training slot frees.",
        "zh": "回放一次此前由同一训练引擎、用完全相同的设置训练好的运行（随应用保存）。一旦有空闲的训练名额，你自己的运行就会开始。",
    },
    "train.replay_none": {
        "en": "No saved run has exactly these settings, so there is nothing to replay meanwhile.",
        "zh": "没有与这组设置完全相同的已保存运行，因此等待期间无法回放。",
    },
    "train.replay_title": {"en": "Replay of a saved run (not live)", "zh": "已保存运行的回放（不是实时训练）"},
    "train.replay_caption": {
        "en": "Trained earlier by this app's engine with your settings (saved runs, experiment {experiment}, seed "
        "{seed}) and replayed here: epoch {shown} of {epochs}.",
        "zh": "此前由本应用的训练引擎用你的设置训练（已保存运行，实验 {experiment}，随机种子 {seed}），在此回放："
        "第 {shown} / {epochs} 个迭代周期。",
    },
    "train.replay_run": {"en": "saved run (replay)", "zh": "已保存运行（回放）"},
    "train.final": {
        "en": "{run}: test accuracy {test_acc:.3f}, train accuracy (eval mode) {train_acc_eval:.3f} after epoch {epoch}.",
        "zh": "{run}：第 {epoch} 个迭代周期后测试准确率 {test_acc:.3f}，训练准确率（评估模式）{train_acc_eval:.3f}。",
    },
    "train.predict_order": {
        "en": "Predict before you start: after epoch {epochs}, how will the train accuracy of the run with p1 = {p1:g}, "
        "p2 = {p2:g}, as d2l's train_ch3 reports it (measured while training, dropout on), compare with its test "
        "accuracy?",
        "zh": "开始之前先预测：第 {epochs} 个迭代周期结束时，p1 = {p1:g}、p2 = {p2:g} 这次运行的训练准确率（即 d2l 的 "
        "train_ch3 报告的值：训练时测得，暂退法开启）与它的测试准确率相比会怎样？",
    },
    "train.predict_train_higher": {"en": "Train accuracy (dropout on) higher", "zh": "训练准确率（开启暂退法）更高"},
    "train.predict_same": {"en": "About the same (within measurement noise)", "zh": "差不多（在测量噪声之内）"},
    "train.predict_test_higher": {"en": "Test accuracy higher", "zh": "测试准确率更高"},
    "train.predict_found": {
        "en": "Measured after epoch {epoch}: train accuracy (dropout on) {train:.3f}, test accuracy {test:.3f}, a "
        "difference of {difference:+z.3f} (noise ± {band:.3f}: two standard errors of the difference, from the "
        "binomial errors of accuracies on {train_images:,} and {test_images:,} images).",
        "zh": "第 {epoch} 个迭代周期后实测：训练准确率（开启暂退法）{train:.3f}，测试准确率 {test:.3f}，相差 "
        "{difference:+z.3f}（噪声 ± {band:.3f}：差值的两倍标准误，由分别在 {train_images:,} 和 {test_images:,} "
        "张图像上测得的两个准确率的二项误差合成）。",
    },
    "train.download_json": {"en": "Download run (JSON): {run}", "zh": "下载运行记录（JSON）：{run}"},
    "train.download_csv": {"en": "Download curves (CSV)", "zh": "下载曲线（CSV）"},
    "train.to_compare": {
        "en": "Your finished and stopped runs also appear on the Compare page.",
        "zh": "你完成或停止的运行也会出现在“对比”页。",
    },
    "train.which_acc": {"en": "Which train accuracy is which?", "zh": "两种训练准确率有什么区别？"},
    "train.which_acc_text": {
        "en": "**Train accuracy (dropout on)** is what d2l's `train_ch3` reports: measured on each batch while "
        "training, with dropout active, and averaged over the epoch. **Train accuracy (eval mode)** re-measures "
        "the training images after the epoch with dropout off, exactly like the test accuracy. Early on the "
        "test accuracy often beats the first one, for two reasons. That figure averages over an epoch in which "
        "the network is still improving, so it trails what the network can do at the epoch's end: in the first "
        "epoch this lag is the main cause, and runs without dropout show it as clearly as runs with it. And "
        "dropout handicaps the network while it trains, which keeps the figure a little lower with dropout "
        "even later (about one to three points by epoch 10 of the book's run).",
        "zh": "**训练准确率（开启暂退法）** 就是 d2l 的 `train_ch3` 报告的值：训练时在每个批次上、暂退法开启的情况下测得，"
        "并对整个迭代周期取平均。**训练准确率（评估模式）** 则在迭代周期结束后关闭暂退法重新测量训练图像，"
        "与测试准确率的测法完全一样。训练初期测试准确率常常高于前者，原因有两个。其一，前者是对一个网络仍在进步的"
        "迭代周期取的平均，所以落后于网络在该迭代周期结束时的水平：在第一个迭代周期里这是主要原因，不用暂退法的运行"
        "和使用暂退法的运行同样明显。其二，暂退法在训练时“拖累”网络，所以即使到了后面，使用暂退法时这个值也会略低"
        "（在书中的实验里，到第 10 个迭代周期大约低一到三个百分点）。",
    },
    "train.no_data": {
        "en": "Fashion-MNIST is not on this machine, so nothing can train yet.",
        "zh": "本机没有 Fashion-MNIST，暂时无法训练。",
    },
    "train.data_failed": {"en": "The data could not be loaded:", "zh": "无法加载数据："},
    "metric.train_loss": {"en": "train loss (dropout on)", "zh": "训练损失（开启暂退法）"},
    "metric.train_acc": {"en": "train accuracy (dropout on, as d2l)", "zh": "训练准确率（开启暂退法，同 d2l）"},
    "metric.train_acc_eval": {"en": "train accuracy (eval mode)", "zh": "训练准确率（评估模式）"},
    "metric.test_loss": {"en": "test loss", "zh": "测试损失"},
    "metric.test_acc": {"en": "test accuracy", "zh": "测试准确率"},
    "metric.gap": {"en": "generalization gap (train eval − test accuracy)", "zh": "泛化差距（训练评估 − 测试准确率）"},
    "chart.epoch": {"en": "epoch", "zh": "迭代周期"},
    "chart.metric": {"en": "metric", "zh": "指标"},
    "chart.run": {"en": "run", "zh": "运行"},
    "chart.loss": {"en": "loss", "zh": "损失"},
    "chart.accuracy": {"en": "accuracy", "zh": "准确率"},
    "chart.gap": {"en": "train–test gap (shaded)", "zh": "训练–测试差距（阴影）"},
}
