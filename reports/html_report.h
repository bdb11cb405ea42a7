// report.html: one self-contained page for a history and its checker results. It fetches
// nothing (no CDN, fonts or images; a Content-Security-Policy forbids it), reads fully with
// JavaScript disabled (static HTML and inline SVG; tooltips are SVG <title>s), and uses its
// small inline script only to enhance: hover details, zoom and pan of the time plots, a "jump to
// first error" button. Sections and their ids are listed in reports/html_sections.h.
//
// Invariants: every string from the input is escaped for its context (reports/escape.h); the
// page of a 1M-op history stays well under 20 MB (see HtmlOptions' caps).
// Thread-safety: reentrant; the input is only read.
#pragma once

#include <ostream>
#include <string>

#include "reports/html_options.h"
#include "reports/report_input.h"

namespace faultline::reports {

void write_html(const ReportInput& input, std::ostream& out, const HtmlOptions& options = {});

// Writes the page to `path`. Throws std::runtime_error when the file cannot be written.
void write_html(const ReportInput& input, const std::string& path,
                const HtmlOptions& options = {});

}  // namespace faultline::reports
