"""Process plumbing shared by every session of a server: devices and torch's threads, the global-RNG lock, slots."""
