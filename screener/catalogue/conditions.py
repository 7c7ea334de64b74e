"""Messages: conditions."""

from __future__ import annotations

from screener.catalogue import message

del message  # entries come as each module moves its messages here
