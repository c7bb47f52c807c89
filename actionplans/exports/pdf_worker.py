"""WeasyPrint in a child process of its own, with its time and memory bounded (issue 19,
item 3): a PDF that would take minutes or gigabytes ends at its bound, and the request
thread answers a Danish message instead of hanging.

    python -m actionplans.exports.pdf_worker   < job (pickle) > result (pickle)

The job is a dict: the document's HTML, its base URL, the static files it may use (URL →
content type and bytes, read by the parent through Django's staticfiles finders) and the
bounds (address space in bytes, CPU seconds). The child sets the bounds with setrlimit
before it imports WeasyPrint, renders, and writes {"pdf", "served", "refused"}. Nothing is
fetched but the files handed in: every other URL (a post-it naming an outside image, a
file: URL) is refused and reported back. The parent (pdf.py) kills the child at the wall-
clock bound.

This module imports no Django: the child starts in ~0.4 s (the WeasyPrint import)."""

from __future__ import annotations

import pickle
import resource
import socket
import sys


def static_only_fetcher_class():
    """A URL fetcher that serves what `resolve(url)` finds, (content type, bytes) or None,
    and refuses and records anything else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def __init__(self, resolve):
            super().__init__(allowed_protocols=())
            self.resolve = resolve
            self.served: list[str] = []
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            found = self.resolve(url)
            if found is None:
                self.refused.append(url)
                raise ValueError(f"Only the app's own static files are fetched, not {url[:200]}")
            kind, body = found
            self.served.append(url)
            return URLFetcherResponse(url, body=body, headers={"Content-Type": kind})

    return StaticOnlyFetcher


def write_pdf(html: str, base_url: str, fetcher) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()


def bound(memory_bytes: int, cpu_seconds: int) -> None:
    """This process's address space and CPU time; past them an allocation fails
    (MemoryError) or the kernel ends the process (SIGXCPU, then SIGKILL)."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def no_connections() -> None:
    """Belt and braces beside the fetcher: this process opens no network connection."""

    def refuse(*args, **kwargs):
        raise OSError("The PDF renderer opens no connections")

    socket.create_connection = refuse
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse


def main() -> int:
    job = pickle.load(sys.stdin.buffer)  # noqa: S301 - from the parent, pdf.write
    bound(job["memory_bytes"], job["cpu_seconds"])
    no_connections()
    resources = job["resources"]
    fetcher = static_only_fetcher_class()(resources.get)
    document = write_pdf(job["html"], job["base_url"], fetcher)
    pickle.dump(
        {"pdf": document, "served": fetcher.served, "refused": fetcher.refused},
        sys.stdout.buffer,
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
