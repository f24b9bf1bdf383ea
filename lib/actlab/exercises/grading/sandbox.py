"""The grader's kernel command: an IPython kernel whose memory is capped.

The grader starts each submission's kernel as::

    python -m actlab.exercises.grading.sandbox --memory-mb 2048 -f CONNECTION_FILE [kernel options]

which limits the kernel's address space (``RLIMIT_AS``), so an answer that allocates too much gets a
``MemoryError`` instead of exhausting the grader's machine, turns off core dumps, and then runs
ipykernel as ``python -m ipykernel_launcher`` would, with the other options.
"""

import resource
import sys


def limit_memory(megabytes):
    """Cap this process's address space at ``megabytes`` MiB and turn off core dumps."""
    limit = int(megabytes) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) < 2 or argv[0] != "--memory-mb":
        sys.exit("usage: python -m actlab.exercises.grading.sandbox --memory-mb N "
                 "[ipykernel options]")
    limit_memory(argv[1])
    from ipykernel.kernelapp import launch_new_instance
    sys.argv = [sys.argv[0]] + argv[2:]
    launch_new_instance()


if __name__ == "__main__":
    main()
