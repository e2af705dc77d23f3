"""Argument types shared by the benchmarks' command lines."""


def positive_int(text: str) -> int:
    """A whole number of 1 or more (argparse turns the ValueError into a usage error)."""
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value
