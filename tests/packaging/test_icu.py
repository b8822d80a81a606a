"""The smaller ICU data library (packaging/installers/icu.py): the package format, what is kept,
and a rebuilt library that the wheel's own ``libicuuc`` really loads and reads."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import PySide6
import pytest
from installers import icu

QT_LIB = Path(PySide6.__file__).parent / "Qt" / "lib"
WHEEL_DATA = next(QT_LIB.glob("libicudata.so.*"), None)


def _header() -> bytes:
    """A common data header as ICU writes it: size, magic, then UDataInfo ("CmnD", v1)."""
    info = struct.pack("<HHBBBB4s4s4s", 20, 0, 0, 0, 2, 0, b"CmnD", b"\1\0\0\0", b"\0" * 4)
    header = struct.pack("<H2s", 32, b"\xda\x27") + info
    return header + b"\0" * (32 - len(header))


def test_a_package_survives_writing_and_reading() -> None:
    package = icu.CommonData(
        _header(), (("icudt73l/coll/de.res", b"1" * 5), ("icudt73l/ru.res", b"22"))
    )
    data = package.to_bytes()
    assert icu.read_common_data(data).items == (
        ("icudt73l/coll/de.res", b"1" * 5 + b"\0" * 11),  # items are padded to 16 bytes
        ("icudt73l/ru.res", b"22" + b"\0" * 14),
    )
    assert icu.read_common_data(data).header == _header()


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("icudt73l/ru.res", True),
        ("icudt73l/coll/ru_RU.res", True),
        ("icudt73l/en_GB.res", True),
        ("icudt73l/root.res", True),
        ("icudt73l/coll/root.res", True),
        ("icudt73l/res_index.res", True),
        ("icudt73l/zone/pool.res", True),
        ("icudt73l/supplementalData.res", True),
        ("icudt73l/ibm-1390_P110-2003.cnv", True),
        ("icudt73l/brkitr/cjdict.dict", False),
        ("icudt73l/brkitr/thaidict.dict", False),
        ("icudt73l/brkitr/word.brk", True),
        ("icudt73l/coll/zh.res", False),
        ("icudt73l/de.res", False),
        ("icudt73l/lang/sr_Latn_BA.res", False),
        ("icudt73l/curr/yue_Hant.res", False),
    ],
)
def test_only_other_languages_tables_go(name: str, kept: bool) -> None:
    assert icu.keep_item(name, ["ru"]) is kept


@pytest.mark.parametrize(
    "blob",
    [
        b"\0" * 64,  # no magic
        _header().replace(b"CmnD", b"ResB") + b"\0" * 8,  # another format
        _header()[:8] + b"\1" + _header()[9:] + b"\0" * 8,  # big-endian
        _header() + struct.pack("<I", 1000),  # more entries than data
        _header() + struct.pack("<III", 1, 12, 999),  # an item past the end
    ],
)
def test_a_damaged_package_is_refused(blob: bytes) -> None:
    with pytest.raises(icu.IcuError):
        icu.read_common_data(blob)


def test_a_library_without_icu_data_is_refused(tmp_path: Path) -> None:
    with pytest.raises(icu.IcuError, match="no ICU common data"):
        icu.extract_data(b"\x7fELF\2\1" + b"\0" * 200)
    with pytest.raises(icu.IcuError, match="not a 64-bit"):
        icu.extract_data(b"MZ" + b"\0" * 20 + _header())
    with pytest.raises(icu.IcuError, match="not an ICU data library"):
        icu.shrink_library(tmp_path / "libicuuc.so.73", tmp_path / "out.so", ["ru"])
    arm = tmp_path / "libicudata.so.73"
    arm.write_bytes(b"\x7fELF\2\1" + b"\0" * 12 + struct.pack("<H", 183) + _header())
    with pytest.raises(icu.IcuError, match="not an x86-64 library"):
        icu.shrink_library(arm, tmp_path / "out.so", ["ru"])
    assert not (tmp_path / "out.so").exists()


@pytest.mark.skipif(WHEEL_DATA is None, reason="this PySide6 wheel carries no ICU")
def test_the_rebuilt_library_serves_ru_and_falls_back_for_others(tmp_path: Path) -> None:
    assert WHEEL_DATA is not None
    before, after = icu.shrink_library(WHEEL_DATA, tmp_path / WHEEL_DATA.name, ["ru"])
    assert before == WHEEL_DATA.stat().st_size
    assert after < before / 2
    major = WHEEL_DATA.name.rsplit(".", 1)[1]
    common = tmp_path / f"libicuuc.so.{major}"
    shutil.copy2(QT_LIB / common.name, common)  # finds the new data beside it ($ORIGIN)
    # A fresh process: in this one Qt may have loaded the wheel's full data already.
    probe = textwrap.dedent(
        f"""
        import ctypes, json
        uc = ctypes.CDLL({str(common)!r})
        maps = open("/proc/self/maps").read()
        status = ctypes.c_int(0)
        uc.ures_open_{major}.restype = ctypes.c_void_p
        def opened(locale):
            status.value = 0
            bundle = uc.ures_open_{major}(None, locale.encode(), ctypes.byref(status))
            uc.ures_close_{major}(ctypes.c_void_p(bundle))
            return status.value
        print(json.dumps({{
            "ours": {str(tmp_path / WHEEL_DATA.name)!r} in maps,
            "ru": opened("ru"), "en": opened("en_GB"), "de": opened("de"),
        }}))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
    )
    found = json.loads(result.stdout)
    assert found["ours"]
    assert found["ru"] == found["en"] == 0  # U_ZERO_ERROR: the locale's own data
    assert found["de"] == -127  # U_USING_DEFAULT_WARNING: no German tables any more
