#!/usr/bin/env python3
"""baresip's calls handed to crmcard.

Reads the events of baresip's ctrl_tcp module (netstrings holding JSON) and
runs `crmcard call` for each incoming call, its answer and its end:

    CALL_INCOMING     crmcard call PEERURI --call-id ID --source baresip
    CALL_ESTABLISHED  crmcard call --answered ID
    CALL_CLOSED       crmcard call --ended ID

Usage: baresip-crmcard.py [HOST:PORT]   (ctrl_tcp_listen; 127.0.0.1:4444)
"""
import json
import socket
import subprocess
import sys

COMMANDS = {
    "CALL_INCOMING": lambda e: [e.get("peeruri", ""), "--call-id", e["id"], "--source", "baresip"],
    "CALL_ESTABLISHED": lambda e: ["--answered", e["id"]],
    "CALL_CLOSED": lambda e: ["--ended", e["id"]],
}


def netstrings(stream):
    """The payloads of `LENGTH:PAYLOAD,` until the connection ends."""
    while True:
        size = b""
        while (byte := stream.read(1)) != b":":
            if not byte or not byte.isdigit():
                return
            size += byte
        payload = stream.read(int(size))
        if stream.read(1) != b",":
            return
        yield payload


def main():
    host, _, port = (sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:4444").rpartition(":")
    with socket.create_connection((host, int(port))) as conn:
        for payload in netstrings(conn.makefile("rb")):
            event = json.loads(payload)
            command = COMMANDS.get(event.get("type"))
            if event.get("event") and event.get("direction") == "incoming" and command and event.get("id"):
                subprocess.run(["crmcard", "call", *command(event)], check=False)


if __name__ == "__main__":
    main()
