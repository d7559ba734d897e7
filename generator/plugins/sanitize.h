// An allowlist sanitizer for markup produced by plug-ins (charts, tables).
//
// Plug-in output is untrusted: a plug-in copied from elsewhere, or a value
// from the database written into an SVG <text>, must not be able to put a
// script on a public government page. The sanitizer tokenizes the markup and
// rebuilds it from scratch: only the elements and attributes needed for inline
// SVG charts and simple tables survive, every attribute value and every text
// run is decoded and re-escaped, tags are balanced. Anything else is dropped:
// <script>, <style>, <foreignObject>, <iframe> and the like together with
// their content; other unknown tags without their content's markup; on*
// handlers, href/xlink:href/src/style; any value that mentions javascript:,
// vbscript:, data: or a url() that is not a local #reference; comments,
// doctypes and processing instructions.
#pragma once

#include <string>
#include <string_view>

namespace minhbach {

std::string SanitizeMarkup(std::string_view markup);

}  // namespace minhbach
