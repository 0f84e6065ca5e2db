"""Pure model -> model steps, applied in order by `pipeline`."""
