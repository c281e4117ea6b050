"""The one lock for torch's process-wide random generator, which several sessions of a server share."""
import threading

# Held by any code that sets the global generator's state and then draws from it (nn.Dropout's masks in the
# engine, the Mask explorer's seeded PyTorch dropout, Monte Carlo dropout passes), so two visitors' draws never
# interleave and each stays reproducible.
GLOBAL_RNG_LOCK = threading.Lock()
