#!/usr/bin/env python3
"""Times whatstk (the peer WhatsApp parser) on one export; prints messages and seconds."""
import sys
import time

from whatstk import WhatsAppChat

path = sys.argv[1]
start = time.perf_counter()
chat = WhatsAppChat.from_source(filepath=path, hformat="%d/%m/%Y, %H:%M - %name:")
elapsed = time.perf_counter() - start
print(f"{len(chat.df)} {elapsed:.3f}")
