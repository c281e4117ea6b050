"""The Mask explorer's pieces: its inputs, the dropout controls, the panels of one mask, and the mean over many."""
