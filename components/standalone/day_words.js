// A day written for the reader, in the browser: shared by the offline page (page.js) and the
// dashboard's time control (date_control.js), the same words as components.locale.format_date
// ("4 May 2017", "٤ أيار/مايو ٢٠١٧"). months: the twelve names from the catalogue.
function withDigits(value, digits) {
  return digits === "arabic" ? String(value).replace(/[0-9]/g, function (digit) { return "٠١٢٣٤٥٦٧٨٩"[Number(digit)]; }) : String(value);
}

function dayInWords(iso, months, digits) {
  var parts = iso.split("-").map(Number);
  return withDigits(parts[2] + " " + months[parts[1] - 1] + " " + parts[0], digits);
}
