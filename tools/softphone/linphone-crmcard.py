#!/usr/bin/env python3
"""Linphone's calls handed to crmcard.

Runs linphone-daemon (liblinphone's; the arguments given are its own, e.g.
`--config ~/.config/linphone/linphonerc`), reads the call-state events it
prints (`Event: LinphoneCallIncomingReceived`, `From: …`, `Id: 1`) and runs
`crmcard call` for each incoming call, its answer and its end:

    …IncomingReceived     crmcard call FROM --call-id linphone-ID --source linphone
    …Connected            crmcard call --answered linphone-ID
    …End, …Released       crmcard call --ended linphone-ID

Usage: linphone-crmcard.py [LINPHONE-DAEMON [ARGUMENTS…]]
"""
import subprocess
import sys


def commands(state, caller, call_id):
    call_id = f"linphone-{call_id}"
    if state.endswith("IncomingReceived"):
        return [caller, "--call-id", call_id, "--source", "linphone"]
    if state.endswith("Connected"):
        return ["--answered", call_id]
    if state.endswith(("End", "Released")):
        return ["--ended", call_id]
    return None


def main():
    daemon = sys.argv[1:] or ["linphone-daemon"]
    # Its input stays open: the daemon quits when it ends.
    with subprocess.Popen(daemon, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as run:
        state = caller = None
        for line in run.stdout:
            key, _, value = line.strip().partition(": ")
            if key == "Event-type":
                state = caller = None
            elif key == "Event":
                state = value
            elif key == "From":
                # `"Name" <sip:…>` or `sip:…`: crmcard reads the URI.
                caller = value.rpartition("<")[2].rstrip(">") if "<" in value else value
            elif key == "Id" and state and caller is not None:
                command = commands(state, caller, value)
                if command:
                    subprocess.run(["crmcard", "call", *command], check=False)


if __name__ == "__main__":
    main()
