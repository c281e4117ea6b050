"""Start a throw-away PostgreSQL server on a free localhost port, for the poll tests and the poll benchmark.

PostgreSQL refuses to run as root, and CI runs as root: there initdb and pg_ctl run as the `postgres` user (which
Debian's postgresql package creates) through setpriv, in a temporary folder that user owns.
"""
import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from tools.local_server import free_port

DEBIAN_BINARIES = Path("/usr/lib/postgresql")  # Debian keeps pg_ctl off PATH, one folder per major version
SERVER_USER = "postgres"


def server_binaries() -> Path | None:
    """The folder of the newest installed initdb and pg_ctl, or None."""
    versions = [folder / "bin" for folder in DEBIAN_BINARIES.glob("*") if (folder / "bin" / "pg_ctl").exists()]
    if versions:
        return max(versions, key=lambda folder: int(folder.parent.name) if folder.parent.name.isdigit() else 0)
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


def unavailable_reason() -> str | None:
    """Why no server can start on this machine, in words for a skipped test; None when one can."""
    if server_binaries() is None:
        return "PostgreSQL's server is not installed (Debian: apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return f"running as root, and there is no {SERVER_USER!r} user to run PostgreSQL as"
        if shutil.which("setpriv") is None:
            return "running as root, and setpriv (util-linux) is missing to run PostgreSQL as another user"
    return None


@contextlib.contextmanager
def postgresql_server(fsync: bool = True):
    """A fresh cluster whose superuser `postgres` logs in without a password; yields (host, port, user).

    fsync=False is for tests only: faster, and a crash may lose what was written.
    """
    binaries = server_binaries()
    folder = Path(tempfile.mkdtemp(prefix="dropout-explorer-postgresql-"))
    as_server_user = []
    if os.geteuid() == 0:
        owner = pwd.getpwnam(SERVER_USER)
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        as_server_user = ["setpriv", f"--reuid={owner.pw_uid}", f"--regid={owner.pw_gid}", "--clear-groups"]
    data, port = folder / "data", free_port()
    server_options = f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={folder}"

    def run(*command):
        """Run a server program as the server's user, from a folder it may enter; its output goes in the error."""
        done = subprocess.run([*as_server_user, *map(str, command)], cwd=folder, capture_output=True, text=True)
        if done.returncode:
            log = folder / "server.log"
            raise RuntimeError(f"{Path(str(command[0])).name} failed: {done.stdout}{done.stderr}"
                               + (log.read_text() if log.exists() else ""))

    try:
        run(binaries / "initdb", "-D", data, "-U", SERVER_USER, "--auth=trust", "-E", "UTF8", "--locale=C")
        run(binaries / "pg_ctl", "start", "-w", "-D", data, "-l", folder / "server.log",
            "-o", server_options + ("" if fsync else " -F"))
        try:
            yield "127.0.0.1", port, SERVER_USER
        finally:
            run(binaries / "pg_ctl", "stop", "-D", data, "-m", "fast")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
