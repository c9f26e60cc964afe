"""Reading scans: page intake, OCR engines, page handling and field extraction."""
