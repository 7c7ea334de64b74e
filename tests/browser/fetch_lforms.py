"""Fetch NLM's LHC-Forms (the SDC form filler the FHIR differential test drives).

Only its prebuilt files are needed, so the npm tarball is fetched on its own, pinned and
checked against the registry's integrity hash, without the Angular sources it is built
from. Run by .ci/run; the test is skipped (or fails, in CI) without it.
"""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "40.1.3"
INTEGRITY = "sha512-WLruTm+BcVnafC0rSAQ3/cNqhxvclBUxyBG68aub/uha2NaK9H8ZZcEXTTuORuGzzCt0wa7fvhuieZtcDIdPzQ=="
TARGET = Path(__file__).parent / "vendor" / f"lforms-{VERSION}"


def main() -> None:
    """Fetch and unpack the pinned version once."""
    if (TARGET / "package.json").exists():
        return
    with tempfile.TemporaryDirectory() as folder:
        name = (
            subprocess.run(
                ["npm", "pack", f"lforms@{VERSION}", "--pack-destination", folder, "--silent"],
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        tarball = Path(folder) / name
        digest = (
            "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        )
        if digest != INTEGRITY:
            sys.exit(f"lforms {VERSION}: integrity {digest} is not the registry's {INTEGRITY}")
        TARGET.mkdir(parents=True)
        with tarfile.open(tarball) as archive:
            for member in archive.getmembers():
                inside = member.name.startswith("package/dist/lforms/") and ".." not in member.name
                if inside and member.isfile():
                    member.name = member.name.removeprefix("package/")
                    if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
                        archive.extract(member, TARGET, filter="data")
                    else:  # the names were checked above: nothing lands outside TARGET
                        archive.extract(member, TARGET)
        (TARGET / "package.json").write_text(f'{{"name": "lforms", "version": "{VERSION}"}}\n')


if __name__ == "__main__":
    main()
