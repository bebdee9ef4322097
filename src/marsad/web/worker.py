"""One more process answering a read-only `marsad serve`: `python -m marsad.web.worker CONFIG`.

`marsad serve` without a token starts these (`serve(processes=)`), each handed the listening
socket the first process bound (its descriptor, `fd`, in the CONFIG JSON, with the store and the
serve options). Each process reads the store through its own read-only connections and holds its
own snapshot of the map's data (marsad.web.snapshot), so the processes share nothing but the
socket: the kernel gives each new connection to one of them. A process stops on SIGTERM, on
Ctrl-C, or when the process that started it is gone.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any

from marsad.errors import MarsadError
from marsad.web.server import ReadOnlyStore, WebServer, _warm, make_server

# how often a worker looks whether the process that started it is still there (seconds)
ORPHAN_CHECK_S = 0.5


def _watch_parent(parent: int) -> None:
    """SIGTERM to this process once `parent` is no longer its parent (it ended, killed or not)."""
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_S)
    os.kill(os.getpid(), signal.SIGTERM)


def run(config: dict[str, Any]) -> int:
    """Serve `config["fd"]` until stopped; 0, or 2 when the store cannot be read."""
    listener = socket.socket(fileno=int(config["fd"]))
    # the process that started this one, as it said (it may be gone before this line runs)
    parent = int(config.get("parent") or os.getppid())

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    server: WebServer | None = None
    try:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
        store = ReadOnlyStore(config["db"])
        server = make_server(
            store,
            config["host"],
            0,
            tiles=config.get("tiles") or "none",
            allow_hosts=tuple(config.get("allow_hosts") or ()),
            timeout=config.get("timeout"),
            knowledge_dirs=tuple(Path(d) for d in config.get("knowledge_dirs") or ()),
            countries=tuple(config.get("countries") or ()),
            listen_socket=listener,
        )
        server.verbose = bool(config.get("verbose"))
        threading.Thread(target=_warm, args=(server.app,), name="marsad-web-warm", daemon=True).start()
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    except MarsadError as exc:
        print(f"marsad serve (worker {os.getpid()}): {exc}", file=sys.stderr)
        return 2
    finally:
        if server is not None:
            server.server_close()
        else:
            listener.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m marsad.web.worker CONFIG (started by `marsad serve`)", file=sys.stderr)
        return 2
    return run(json.loads(args[0]))


if __name__ == "__main__":
    raise SystemExit(main())
