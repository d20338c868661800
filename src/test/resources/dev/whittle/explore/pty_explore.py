"""Runs a command in a real pseudo-terminal (80x24), sends keys, and reports what a VT100 screen showed.

Usage: pty_explore.py WORKDIR STEPS_JSON -- COMMAND...
STEPS_JSON is a list of [keys, text_to_wait_for]; after each step the screen is captured. The command runs under
sh, which saves `stty -g` before and after it, so the caller can check the terminal was restored. Prints one JSON
object: screens (list of 24 lines each), exit (the command's status), before/after (stty -g), tail (the last bytes
written, escaped).
"""
import json
import os
import sys
import time

import pexpect
import pyte

work, steps = sys.argv[1], json.loads(sys.argv[2])
command = sys.argv[sys.argv.index("--") + 1:]
before, after, status = (os.path.join(work, n) for n in ("before", "after", "status"))
script = 'stty -g > "$1"; shift; b="$1"; shift; c="$1"; shift; "$@"; echo $? > "$c"; stty -g > "$b"'
child = pexpect.spawn("/bin/sh", ["-c", script, "sh", before, after, status] + command,
                      dimensions=(24, 80), env=dict(os.environ, TERM="xterm-256color"), encoding=None)
screen = pyte.Screen(80, 24)
stream = pyte.ByteStream(screen)
raw = bytearray()


def pump(until=None, timeout=60.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            data = child.read_nonblocking(65536, timeout=0.2)
            raw.extend(data)
            stream.feed(data)
        except pexpect.TIMEOUT:
            pass
        except pexpect.EOF:
            return until is None
        if until is not None and any(until in line for line in screen.display):
            # Let the rest of the frame arrive.
            time.sleep(0.2)
            try:
                data = child.read_nonblocking(65536, timeout=0.2)
                raw.extend(data)
                stream.feed(data)
            except (pexpect.TIMEOUT, pexpect.EOF):
                pass
            return True
    return False


screens = []
ok = True
for keys, wait in steps:
    if keys:
        # A person does not type within milliseconds of the first frame; give the program that moment too.
        time.sleep(float(os.environ.get("KEY_DELAY", "1.0")))
        child.send(keys.encode("utf-8"))
    if wait is None:
        ok = pump(None) and ok
    else:
        ok = pump(wait) and ok
    screens.append(list(screen.display))
child.expect(pexpect.EOF, timeout=30)
child.close()


def read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None


print(json.dumps({"ok": ok, "screens": screens, "exit": read(status), "before": read(before),
                  "after": read(after), "tail": raw[-200:].decode("utf-8", "replace")}))
