"""The Mask explorer's pieces: its inputs, the dropout controls, and the panels that show what the mask did."""
