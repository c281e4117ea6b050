"""The Bug hunt page's pieces: the suspect and p, its code, fingerprint and training runs, the question, the answer."""
