"""Reading scans: page intake, OCR engines, page handling and field extraction.

The path of one page: ``intake.inventory`` sniffs a file and counts its pages (or quarantines
it); ``reading.read_page`` loads a page, removes red seal ink, levels and turns it upright, lets
the main engine (PP-OCRv6 through RapidOCR) read every line and Tesseract re-read the lines
nothing else can check; ``extraction.extract_page`` finds the fields by their printed labels,
weighs cross-field facts and routes the record. ``batch.extract_tree`` does it for a folder.
"""
