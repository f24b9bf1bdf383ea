"""Print the nbgitpuller link that gives each learner the course on your JupyterHub.

    python deploy/course_link.py https://hub.example.edu https://github.com/OWNER/REPO
    python deploy/course_link.py HUB REPO --branch main --open notebooks/01_perceptron.ipynb

A learner who opens the link logs in, their server starts, nbgitpuller clones the repository
into a folder of their home named after it (``REPO``) the first time and merges your new commits
into it on every later click, then JupyterLab opens the ``--open`` file (default: the first
lesson). The classroom tests build their links with this script.
"""

import argparse
from urllib.parse import urlencode, urlsplit

DEFAULT_OPEN = "notebooks/00_start_here.ipynb"


def course_folder(repository):
    """The folder of the learner's home the course goes into: the repository's name."""
    name = urlsplit(repository).path.rstrip("/").rsplit("/", 1)[-1]
    return name[: -len(".git")] if name.endswith(".git") else name


def course_link(hub, repository, branch="main", open_path=DEFAULT_OPEN):
    """The link: the hub's ``user-redirect`` to the learner's ``git-pull`` page, with its query."""
    folder = course_folder(repository)
    query = urlencode({
        "repo": repository, "branch": branch, "targetpath": folder,
        "urlpath": f"lab/tree/{folder}/{open_path}",
    })
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("hub", help="the hub's address, e.g. https://hub.example.edu")
    parser.add_argument("repository", help="the course's git repository (https:// or file://)")
    parser.add_argument("--branch", default="main", help="the branch learners get (default: main)")
    parser.add_argument("--open", default=DEFAULT_OPEN, metavar="PATH",
                        help=f"the file JupyterLab opens, in the course (default: {DEFAULT_OPEN})")
    args = parser.parse_args(argv)
    if urlsplit(args.hub).scheme not in ("http", "https") or not urlsplit(args.hub).netloc:
        parser.error(f"the hub's address must start with https:// (or http://), not {args.hub!r}")
    if not course_folder(args.repository):
        parser.error(f"{args.repository!r} does not name a repository")
    print(course_link(args.hub, args.repository, args.branch, args.open))


if __name__ == "__main__":
    main()
