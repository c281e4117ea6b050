"""What dropout does to one tensor: the dropout functions (d2l 5.6), the Mask explorer's science, and the variants."""
