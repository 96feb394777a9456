#!/usr/bin/env python3
"""Writes the bundled example exports under examples/ (run from the repository root).

The chats are fiction written for lurewatch, modelled on the 2024 parliamentary honeytrap
campaign and on ordinary benign chats that look alike. Numbers are in Ofcom's drama range
(07700 900xxx), reserved for fiction. The "image" in the zip is a generated colour gradient:
lurewatch only ever hashes media, and examples must not contain anything more.
"""
import struct
import zlib
import zipfile
from pathlib import Path

OUT = Path("examples")

CHARLIE = """12/12/2023, 21:14 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.
12/12/2023, 21:14 - +44 7700 900123: Long time no speak! Hope you get a break over Christmas x
12/12/2023, 21:15 - +44 7700 900123: It's Charlie, from the party conference in Manchester
13/12/2023, 08:02 - Sam Jones: Sorry, who is this?
13/12/2023, 19:40 - +44 7700 900123: Haha you probably don't remember me. I watched your speech in the housing debate last week, so impressive
13/12/2023, 19:41 - +44 7700 900123: You're even more handsome in person 😉
14/12/2023, 22:03 - +44 7700 900123: Want to see something that might brighten your evening?
14/12/2023, 22:03 - +44 7700 900123: IMG-20231214-WA0003.jpg (file attached)
just for your eyes x
14/12/2023, 22:30 - +44 7700 900123: <Media omitted>
16/12/2023, 23:11 - +44 7700 900123: Or not
17/12/2023, 18:05 - +44 7700 900123: Shame you're so busy... message me on Telegram instead, t.me/charlie_h_x
17/12/2023, 18:06 - +44 7700 900123: Keep this between us x
"""

ABI = """[14/01/2024, 20:02:11] +44 7700 900417: Hi! Abi here, we met at the reception after the committee hearing. Long time no speak!
[14/01/2024, 20:02:40] +44 7700 900417: Congratulations on your appointment to the committee btw x
[14/01/2024, 21:15:03] Alex Morgan: Hi Abi, sorry I don't remember, which reception?
[14/01/2024, 21:16:22] +44 7700 900417: The one at Portcullis House 😊 you're so cute when you're busy
[15/01/2024, 22:48:09] +44 7700 900417: ‎image omitted
[15/01/2024, 22:48:30] +44 7700 900417: sent you a view once pic, don't tell anyone 🙈
[15/01/2024, 22:52:17] Alex Morgan: That's not appropriate. Please stop.
[16/01/2024, 09:12:44] +44 7700 900417: My phone is playing up, this is my other number: 07700 900488. Message me there
[18/01/2024, 23:01:05] +44 7700 900417: Listen. I have screenshots of our chat. Send me the numbers of a few other MPs or the pictures go out
[18/01/2024, 23:01:40] +44 7700 900417: Your constituents will see everything. You have 24 hours
"""

# A third target of the same actor: the number Abi announced, Charlie's script and handle,
# a new persona. Importing all three links them into one campaign.
SOPHIE = """20/01/2024, 19:02 - +44 7700 900488: Long time no speak! Hope you get a break after the recess x
20/01/2024, 19:03 - +44 7700 900488: It's Sophie, from the party conference in Manchester
20/01/2024, 21:40 - Priya Shah: Sorry, I don't think we've met?
21/01/2024, 19:40 - +44 7700 900488: Haha you probably don't remember me. I watched your speech in the transport debate, so impressive
21/01/2024, 22:03 - +44 7700 900488: Want to see something that might brighten your evening?
23/01/2024, 23:11 - +44 7700 900488: Or not
24/01/2024, 18:05 - +44 7700 900488: Shame you're so busy... message me on Telegram instead, t.me/charlie_h_x
"""

OLD_FRIEND = """03/03/2024, 10:12 - Jamie Rivera: Long time no speak! How have you been?
03/03/2024, 10:30 - Sam Jones: Jamie!! Good thanks, it's been ages. Still in Leeds?
03/03/2024, 10:34 - Jamie Rivera: Yes, still here. Saw your speech on the news by the way, well done
03/03/2024, 10:41 - Sam Jones: Ha, thanks. Are you coming to Priya's birthday?
03/03/2024, 10:43 - Jamie Rivera: Wouldn't miss it. Can you send me Priya's address? Lost it when I changed phones
03/03/2024, 10:45 - Sam Jones: Sure, 14 Elm Road
03/03/2024, 10:46 - Jamie Rivera: Brilliant, see you there x
"""

PARTNER = """[02/02/2024, 18:01:10] Robin ❤️: Home in 20, you're gorgeous btw
[02/02/2024, 18:01:55] Sam Jones: Haha you too, what's for dinner?
[02/02/2024, 18:03:20] Robin ❤️: Pasta. And maybe a cheeky glass of wine 😉
[02/02/2024, 18:04:02] Sam Jones: Perfect
[02/02/2024, 18:30:41] Robin ❤️: Can you send me the code for the front door app? Mine logged out
[02/02/2024, 18:31:15] Sam Jones: It's the usual one
"""

SMISHING = """ROYAL MAIL: Your parcel is on hold due to an unpaid shipping fee of £1.99.
Pay the delivery fee within 24 hours or it will be returned: hxxps://royalmail-redelivery[.]info/track
"""

NEW_NUMBER = """+44 7700 900555: Hi Mum, this is my new number, my phone broke. Save this one x
Me: Oh no! Are you ok?
+44 7700 900555: I'm fine but I need to pay a bill today and my banking app is locked. Can you send me 450 pounds? I'll pay you back tomorrow
+44 7700 900555: It's urgent, they said they'd cut off the internet
"""


def png(width: int, height: int) -> bytes:
    """A minimal RGB PNG of a colour gradient."""
    rows = b"".join(
        b"\x00" + bytes(v for x in range(width) for v in (x * 255 // width, y * 255 // height, 128))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def main() -> None:
    OUT.mkdir(exist_ok=True)
    name = "WhatsApp Chat with +44 7700 900123"
    with zipfile.ZipFile(OUT / f"{name}.zip", "w", zipfile.ZIP_DEFLATED) as z:
        fixed = (2023, 12, 17, 18, 6, 0)
        z.writestr(zipfile.ZipInfo(f"{name}.txt", fixed), CHARLIE)
        z.writestr(zipfile.ZipInfo("IMG-20231214-WA0003.jpg", fixed), png(64, 48))
    (OUT / "WhatsApp Chat - Abi.txt").write_text(ABI, encoding="utf-8")
    (OUT / "WhatsApp Chat with +44 7700 900488.txt").write_text(SOPHIE, encoding="utf-8")
    (OUT / "WhatsApp Chat with Jamie Rivera.txt").write_text(OLD_FRIEND, encoding="utf-8")
    (OUT / "WhatsApp Chat with Robin.txt").write_text(PARTNER, encoding="utf-8")
    (OUT / "sms-parcel-fee.txt").write_text(SMISHING, encoding="utf-8")
    (OUT / "pasted-new-number.txt").write_text(NEW_NUMBER, encoding="utf-8")


if __name__ == "__main__":
    main()
