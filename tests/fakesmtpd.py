#!/usr/bin/python3
# An SMTP server on 127.0.0.1 for the email test, on aiosmtpd.
#
# fakesmtpd.py --port-file F --log L [--auth USER:PASSWORD]
#              [--reject-rcpt ADDR]... [--mail-reply 'CODE text']
#              [--data-reply 'CODE text']
#
# Every message accepted is appended to the log as one JSON line: mail_from,
# rcpt_tos, auth (the login used or null) and data (the raw message, CRLF
# kept).  With --auth the server requires that login; --reject-rcpt refuses
# an address with 550; --mail-reply and --data-reply answer MAIL or DATA
# with that line instead.
import argparse
import asyncio
import json
import os

from aiosmtpd.smtp import SMTP, AuthResult

ap = argparse.ArgumentParser()
ap.add_argument("--port-file", required=True)
ap.add_argument("--log", required=True)
ap.add_argument("--auth")
ap.add_argument("--reject-rcpt", action="append", default=[])
ap.add_argument("--mail-reply")
ap.add_argument("--data-reply")
args = ap.parse_args()


class Handler:
    async def handle_MAIL(self, server, session, envelope, address, options):
        if args.mail_reply:
            return args.mail_reply
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, opts):
        if address in args.reject_rcpt:
            return "550 5.1.1 <%s>: no such user here" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if args.data_reply:
            return args.data_reply
        rec = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "auth": session.auth_data,
            "data": envelope.original_content.decode("utf-8", "replace"),
        }
        with open(args.log, "a") as f:
            f.write(json.dumps(rec) + "\n")
        return "250 2.0.0 Ok: queued as FAKE1"


def authenticator(server, session, envelope, mechanism, auth_data):
    login = auth_data.login.decode()
    password = auth_data.password.decode()
    if args.auth and "%s:%s" % (login, password) == args.auth:
        return AuthResult(success=True, auth_data=login)
    return AuthResult(success=False, handled=False)


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(Handler(), hostname="fake.test",
                     authenticator=authenticator,
                     auth_required=bool(args.auth),
                     auth_require_tls=False),
        "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.rename(tmp, args.port_file)
    await server.serve_forever()

asyncio.run(main())
