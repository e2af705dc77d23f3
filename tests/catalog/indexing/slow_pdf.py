"""A one-page PDF that is slow to read on purpose: small on disk, seconds of work for any reader."""

import io
import zlib

PAGE_END = "最后一行"


def slow_pdf(lines: int = 30_000, width: int = 1000) -> bytes:
    """One page showing ``lines`` strings of ``width`` spaces, then a Chinese line: PDFium spends about 45 µs
    of CPU a line (1.35 s in all), inside one page, where `extract_text`'s own budget cannot stop it; the
    text is only the last line, so a full read is quick to check and to index."""
    line = b"(" + b" " * width + b") Tj 0 -0.01 Td\n"
    last = b"BT /F2 12 Tf 50 700 Td <" + PAGE_END.encode("utf-16-be").hex().encode() + b"> Tj ET\n"
    content = b"BT /F1 0.01 Tf 10 780 Td\n" + line * lines + b"ET\n" + last
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R"
        b" /Resources << /Font << /F1 4 0 R /F2 6 0 R >> >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
        b" /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R >>] >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()
