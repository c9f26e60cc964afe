"""The reading benchmark: samples with truth and a generated batch, beside a plain baseline."""
