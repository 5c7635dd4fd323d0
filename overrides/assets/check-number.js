/* "Is this number real?" (issue 10). Runs only on that page, only on this phone: it compares the typed
   number with the list already in the page (made from the same data as /contacts.json), so it works
   offline and never sends the number anywhere. Without JavaScript the page shows the sorted list.
   digits() follows helpsite/contacts/dial.py digits(): full-width digits, spaces, dashes, +81. */
(function () {
  "use strict";
  var box = document.getElementById("number-check");
  var list = document.getElementById("number-list");
  if (!box || !list) return;
  var input = document.getElementById("number-check-input");
  var result = document.getElementById("number-check-result");

  function digits(text) {
    text = (text || "").normalize("NFKC").trim().replace("(0)", "");
    var hash = text.charAt(0) === "#" ? "#" : "";
    var plus = text.charAt(0) === "+";
    var only = text.replace(/\D/g, "");
    if (plus && only.indexOf("81") === 0) only = "0" + only.slice(2);
    else if (!hash && only.indexOf("81") === 0 && only.length >= 11) only = "0" + only.slice(2);
    return hash + only;
  }

  var items = Array.prototype.slice.call(list.querySelectorAll("li[data-digits]"));

  function show() {
    var wanted = digits(input.value);
    result.textContent = "";
    items.forEach(function (li) { li.classList.remove("number-list__hit"); });
    if (!wanted.replace("#", "")) { result.textContent = box.getAttribute("data-empty"); return; }
    var hits = items.filter(function (li) { return li.getAttribute("data-digits") === wanted; });
    if (!hits.length) {
      result.className = "number-check__result number-check__result--missing";
      result.textContent = box.getAttribute("data-missing");
      return;
    }
    result.className = "number-check__result number-check__result--found";
    var lead = document.createElement("strong");
    lead.textContent = box.getAttribute("data-found");
    result.appendChild(lead);
    var ul = document.createElement("ul");
    hits.forEach(function (li) {
      li.classList.add("number-list__hit");
      var item = document.createElement("li");
      item.textContent = li.querySelector(".number-list__number").textContent + " \u2014 " +
        li.querySelector(".number-list__what").textContent;
      var role = li.getAttribute("data-role");
      if (role === "section") item.textContent += " " + box.getAttribute("data-section");
      if (role === "fax") item.textContent += " " + box.getAttribute("data-fax");
      if (li.getAttribute("data-low")) item.textContent += " " + box.getAttribute("data-check");
      ul.appendChild(item);
    });
    result.appendChild(ul);
  }

  box.hidden = false;
  input.addEventListener("input", show);
  if (input.value) show();
})();
