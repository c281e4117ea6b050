"""The Theory lab's science: dropout as an adaptive L2 penalty, an average of thinned networks, MC dropout."""
