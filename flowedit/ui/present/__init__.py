"""Full-screen presenting for training: a read-only walk through the process. Does not edit."""
