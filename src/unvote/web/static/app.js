// Simulator enhancement: re-apply the rules on every change through /api/simulate, without reloading the page.
// Without JavaScript the form still works: it submits to /simulate and the server renders the same result.
(function () {
  "use strict";
  var form = document.getElementById("sim-form");
  if (!form) { return; }
  var statusEl = document.getElementById("sim-status");
  var explanationEl = document.getElementById("sim-explanation");
  var pivotalEl = document.getElementById("sim-pivotal");
  // The words for the votes are the page's own (the options of its selects), not a second copy of them.
  var words = {};
  form.querySelectorAll("select option").forEach(function (option) { words[option.value] = option.textContent; });

  function currentVotes() {
    var votes = {};
    form.querySelectorAll("select").forEach(function (select) {
      votes[select.name.slice(2)] = select.value;
    });
    return votes;
  }

  function show(result) {
    var sim = result.simulated;
    var vetoers = sim && sim.vetoed_by_names.length ? ": vetoed by " + sim.vetoed_by_names.join(", ") : "";
    statusEl.textContent = sim ? sim.status : "unknown";
    var old = document.getElementById("sim-vetoers");
    if (old) { old.remove(); }
    if (vetoers) {
      var span = document.createElement("span");
      span.id = "sim-vetoers";
      span.textContent = vetoers;
      statusEl.after(span);
    }
    explanationEl.textContent = sim ? sim.explanation : "";
    pivotalEl.textContent = result.pivotal.length
      ? "Pivotal: " + result.pivotal.map(function (p) {
          return p.name + " (" + words[p.vote] + " \u2192 " + words[p.to] + ": " + p.status + ")";
        }).join(", ") + "."
      : "No single member's change of vote would change the outcome.";
  }

  function apply() {
    fetch("/api/simulate", {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify(form.dataset.symbol ? {symbol: form.dataset.symbol, votes: currentVotes()}
                                                : {date: form.dataset.date, body: form.dataset.body, votes: currentVotes()})
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.detail || response.statusText); }
        return body;
      });
    }).then(show).catch(function (err) {
      explanationEl.textContent = String(err.message || err);
    });
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
})();
