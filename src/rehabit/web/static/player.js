// rehabit session player: runs the timeline the library built (GET /api/sessions/{id}), posts each set
// the moment it completes (with an idempotency key, through an outbox kept in localStorage so sets made
// offline are sent when the connection returns), and resumes at the first set not logged after a reload.
// When an exercise ends it asks how much it hurt (one tap 0–10, or "not rated"; the last answer is shown
// as the default but never sent without a tap) and posts it for that exercise's sets. After "it hurts"
// with pain above the person's 'too much' threshold it offers to end the session, ending as the default.
// `?speed=N` makes the clock run N times faster (for tests and demonstrations).
(function () {
  "use strict";

  var root = document.getElementById("player");
  if (!root) { return; }
  var T = JSON.parse(document.getElementById("player-strings").textContent);
  var params = new URLSearchParams(window.location.search);
  var speed = Math.min(200, Math.max(0.1, parseFloat(params.get("speed") || "1") || 1));
  var OUTBOX = "rehabit-outbox";

  function $(id) { return document.getElementById(id); }
  function fmt(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, key) { return values[key] !== undefined ? values[key] : ""; });
  }
  function show(id) {
    ["before", "resume", "running", "rate", "hurt", "after", "done"].forEach(function (name) { $(name).hidden = name !== id; });
  }
  function status(text) { $("status").textContent = text || ""; }
  // People who ask their system for less motion see the still start → end drawing instead of the animation.
  var REDUCED_MOTION = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function chosenPain(name) {
    var input = document.querySelector("input[name=" + name + "]");
    return input && input.value !== "" ? parseInt(input.value, 10) : null;
  }

  // ---- outbox: every write goes through it, in order, retried until the server has it ------------
  function outbox() {
    try { return JSON.parse(localStorage.getItem(OUTBOX) || "[]"); } catch (e) { return []; }
  }
  function saveOutbox(items) { localStorage.setItem(OUTBOX, JSON.stringify(items)); }
  var flushing = false;
  var listeners = {};

  function enqueue(entry) {
    var items = outbox();
    if (!items.some(function (item) { return item.key === entry.key; })) { items.push(entry); saveOutbox(items); }
    return flush();
  }

  function flush() {
    if (flushing) { return Promise.resolve(); }
    flushing = true;
    var sent = 0;
    function next() {
      var items = outbox();
      if (!items.length) { return Promise.resolve(); }
      var entry = items[0];
      var url = resolve(entry.url);
      if (!url) { return Promise.reject(new Error("session not started yet")); }
      return fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify(entry.body)
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (reply) {
          if (response.status >= 500) { throw new Error("server error"); }
          // delivered (2xx) or refused for good (4xx): either way it leaves the outbox, never sent twice
          saveOutbox(outbox().filter(function (item) { return item.key !== entry.key; }));
          sent += 1;
          if (entry.resolves) {
            // a refused start maps to no session, so the writes queued behind it are refused too
            // and leave the outbox instead of blocking it
            localStorage.setItem(LOCAL + entry.resolves, response.ok ? String(reply.session.id) : "0");
          }
          var done = listeners[entry.key];
          delete listeners[entry.key];
          if (done) { done(response.ok ? reply : null, response.ok ? null : reply); }
          return next();
        });
      });
    }
    return next().catch(function () { /* offline: try again when the connection returns */ })
      .then(function () {
        flushing = false;
        if (sent && wasOffline && !outbox().length) { status(fmt(T.sent, { n: sent })); wasOffline = false; }
      });
  }
  // A session started offline is known by a local reference until its queued start reaches the
  // server; writes for it name "{local-…}" in their address and wait for the server's id.
  var LOCAL = "rehabit-session-";
  function resolve(url) {
    var match = /\{(local-[^}]+)\}/.exec(url);
    if (!match) { return url; }
    var id = localStorage.getItem(LOCAL + match[1]);
    return id ? url.replace(match[0], id) : null;
  }

  var wasOffline = false;
  window.addEventListener("online", function () { flush(); });
  window.addEventListener("offline", function () { wasOffline = true; });
  window.setInterval(function () { if (outbox().length) { flush(); } }, 4000);

  function post(key, url, body, onReply) {
    if (onReply) { listeners[key] = onReply; }
    if (!navigator.onLine) { wasOffline = true; }
    return enqueue({ key: key, url: url, body: body });
  }

  // ---- the session ---------------------------------------------------------------------------------
  var sessionId = root.dataset.sessionId ? parseInt(root.dataset.sessionId, 10) : null;
  var localRef = params.get("local");  // set while a session started offline has no server id yet
  function ref() { return sessionId !== null ? String(sessionId) : localRef; }
  function sessionUrl(path) { return "/api/sessions/" + (sessionId !== null ? sessionId : "{" + localRef + "}") + path; }
  var view = null;        // PlayerView from the API
  var steps = [];
  var current = 0;
  var running = false;
  var anchorClock = 0;    // performance.now() at the anchor
  var anchorMs = 0;       // timeline position at the anchor
  var pausedMs = 0;
  var logged = {};        // "exercise|set|side" -> true
  var stoppedStep = null;
  var rating = null;      // the exercise (index) whose pain is being asked
  var unrated = {};       // exercise index -> true: sets logged here, no pain rating yet
  var lastPain = null;    // the last pain the person gave: shown as the default, never sent by itself
  var endedEarly = null;  // the pain that ended the session early, or null
  var extra = root.dataset.extra === "1";
  var timer = null;
  var wakeLock = null;
  var lastSpoken = -1;

  function positionKey() { return "rehabit-position-" + ref(); }
  function unitKey(exerciseId, setNumber, side) { return exerciseId + "|" + setNumber + "|" + (side || ""); }

  function load(playerView) {
    view = playerView;
    sessionId = view.session ? view.session.id : null;
    steps = view.steps;
    logged = {};
    unrated = {};
    var position = {};
    view.exercises.forEach(function (exercise, index) { position[exercise.id] = index; });
    (view.session ? view.session.sets : []).forEach(function (set) {
      logged[unitKey(set.exercise_id, set.set_number, set.side)] = true;
      if (!set.pain_asked && position[set.exercise_id] !== undefined) { unrated[position[set.exercise_id]] = true; }
    });
    var prefix = sessionUrl("/");
    outbox().forEach(function (item) {
      if (item.body && item.body.exercise_id && item.url.indexOf(prefix) === 0) {
        logged[unitKey(item.body.exercise_id, item.body.set_number, item.body.side)] = true;
      }
    });
    var local = parseInt(localStorage.getItem(positionKey()) || "0", 10) || 0;
    current = Math.min(steps.length, Math.max(view.resume_at, local));
    var fast = speed !== 1 ? "speed=" + speed : "";
    var url = sessionId !== null
      ? "/session/" + sessionId + (fast ? "?" + fast : "")
      : "/session?planned=" + view.planned_session_id + "&local=" + localRef + (fast ? "&" + fast : "");
    if (window.location.pathname + window.location.search !== url) { window.history.replaceState(null, "", url); }
  }

  function exerciseOf(step) { return view.exercises[step.exercise_index]; }

  function position() {
    if (!running) { return pausedMs; }
    return anchorMs + (performance.now() - anchorClock) * speed;
  }

  function anchor(ms) { anchorClock = performance.now(); anchorMs = ms; }

  // an exercise done before a reload whose pain was not asked yet: ask it before going on
  function pendingRating() {
    var found = null;
    Object.keys(unrated).forEach(function (key) {
      var index = parseInt(key, 10);
      var end = -1;
      steps.forEach(function (step, i) { if (step.exercise_index === index && step.ends_exercise) { end = i; } });
      if (found === null && end >= 0 && end < current) { found = index; }
    });
    return found;
  }

  function run() {
    var pending = pendingRating();
    if (pending !== null) { return askRating(pending); }
    if (current >= steps.length) { return complete(); }
    show("running");
    running = true;
    anchor(pausedMs > steps[current].start_ms && pausedMs < steps[current].start_ms + steps[current].duration_ms ? pausedMs : steps[current].start_ms);
    $("pause").textContent = T.pause;
    keepAwake(true);
    startStep();
    if (!timer) { timer = window.setInterval(tick, 100); }
    tick();
  }

  function pause() {
    if (!running) { return; }
    pausedMs = position();
    running = false;
    $("pause").textContent = T.resume;
    status(T.paused);
    keepAwake(false);
    render();
  }

  function togglePause() { if (running) { pause(); } else if (current < steps.length && !stoppedStep) { status(""); run(); } }

  function tick() {
    if (!running) { return; }
    var now = position();
    while (current < steps.length && now >= steps[current].start_ms + steps[current].duration_ms) {
      var ending = steps[current];
      finishStep(ending);
      current += 1;
      if (ending.ends_exercise && unrated[ending.exercise_index]) { return askRating(ending.exercise_index); }
      if (current < steps.length) { startStep(); }
    }
    if (current >= steps.length) { complete(); return; }
    render();
  }

  function startStep() {
    var step = steps[current];
    if (step && lastSpoken !== current) { lastSpoken = current; speak(step.cue); }
  }

  function finishStep(step) {
    if (step.ends_unit) {
      logSet(step, step.reps, exerciseOf(step).hold_s, null, false);
      unrated[step.exercise_index] = true;
    }
  }

  // ---- pain after each exercise ----------------------------------------------------------------------
  function askRating(exerciseIndex) {
    running = false;
    keepAwake(false);
    rating = exerciseIndex;
    pausedMs = current < steps.length ? steps[current].start_ms : view.duration_ms;
    $("rate-title").textContent = fmt(T.rate_title, { name: view.exercises[exerciseIndex].name });
    document.querySelectorAll("#pain_rating-scale [data-pain-value]").forEach(function (b) {
      b.setAttribute("aria-pressed", lastPain !== null && parseInt(b.dataset.painValue, 10) === lastPain ? "true" : "false");
    });
    document.querySelector("input[name=pain_rating]").value = "";
    $("rate-default").textContent = lastPain === null ? "" : fmt(T.rate_default, { n: lastPain });
    show("rate");
    var focus = lastPain !== null
      ? document.querySelector('#pain_rating-scale [data-pain-value="' + lastPain + '"]')
      : document.querySelector("#pain_rating-scale [data-pain-value]");
    if (focus) { focus.focus(); }
  }

  function rate(pain) {
    if (rating === null) { return; }
    var exercise = view.exercises[rating];
    delete unrated[rating];
    rating = null;
    if (pain !== null) { lastPain = pain; }
    post("session-" + ref() + ":pain:" + exercise.id, sessionUrl("/pain"), { exercise_id: exercise.id, pain: pain });
    if (current >= steps.length) { return complete(); }
    run();
    $("pause").focus();
  }

  function logSet(step, repsDone, secondsHeld, pain, stopped, onReply) {
    var setNumber = step.set_number || 1;
    var side = step.side;
    var key = unitKey(step.exercise_id, setNumber, side);
    if (stopped && logged[key]) {
      // the unit in progress is already logged (we are in a rest): the stop is a set of its own
      var highest = 0;
      Object.keys(logged).forEach(function (k) {
        var parts = k.split("|");
        if (parts[0] === step.exercise_id) { highest = Math.max(highest, parseInt(parts[1], 10)); }
      });
      setNumber = highest + 1;
      key = unitKey(step.exercise_id, setNumber, side);
    }
    logged[key] = true;
    localStorage.setItem(positionKey(), String(step.index + 1));
    var body = {
      idempotency_key: "session-" + ref() + ":" + step.exercise_id + ":" + (side || "both") + ":" + setNumber,
      exercise_id: step.exercise_id,
      set_number: setNumber,
      side: side,
      reps_done: repsDone,
      seconds_held: secondsHeld,
      pain_during: pain,
      stopped_for_pain: stopped
    };
    post(body.idempotency_key, sessionUrl("/sets"), body, onReply);
    status(navigator.onLine ? T.saved : T.queued);
  }

  function firstStepOfExercise(exerciseIndex) {
    for (var i = 0; i < steps.length; i += 1) { if (steps[i].exercise_index === exerciseIndex) { return i; } }
    return steps.length;
  }

  function jump(target, keepRunning) {
    current = Math.max(0, Math.min(target, steps.length));
    if (current >= steps.length) { return complete(); }
    pausedMs = steps[current].start_ms;
    if (keepRunning) { anchor(pausedMs); startStep(); }
    render();
  }

  function skip() {
    if (current >= steps.length || stoppedStep || rating !== null) { return; }
    var wasRunning = running;
    var leaving = steps[current].exercise_index;
    jump(firstStepOfExercise(leaving + 1), wasRunning);
    localStorage.setItem(positionKey(), String(current));
    if (unrated[leaving]) { askRating(leaving); }
  }

  function back() {
    if (current >= steps.length || stoppedStep) { return; }
    jump(current - 1, running);
  }

  function hurts() {
    if (current >= steps.length || stoppedStep) { return; }
    pause();
    stoppedStep = steps[current];
    show("hurt");
    $("hurt-advice").hidden = true;
    $("hurt-save").hidden = false;
    var first = document.querySelector("#pain_during-scale [data-pain-value]");
    if (first) { first.focus(); }
  }

  function saveHurt() {
    var pain = chosenPain("pain_during");
    if (pain === null) { status(T.choose_pain); return; }
    var step = stoppedStep;
    var reps = step.rep ? step.rep - 1 : 0;
    lastPain = pain;
    delete unrated[step.exercise_index];  // the stop's pain is the one asked for this exercise
    $("hurt-save").hidden = true;
    $("pain_during-scale").disabled = true;
    // above the person's 'too much' threshold: ending the session is the default (offline too)
    var tooMuch = pain > view.pain_limits.acceptable_max;
    $("hurt-advice-text").textContent = tooMuch ? T.hurt_too_much_offline : T.hurt_offline;
    $("hurt-advice").hidden = false;
    offerEnd(tooMuch, pain);
    logSet(step, reps, 0, pain, true, function (reply) {
      if (reply && reply.advice) { $("hurt-advice-text").textContent = reply.advice; }
      if (reply) { offerEnd(reply.end_session, pain); }
    });
    localStorage.setItem(positionKey(), String(firstStepOfExercise(step.exercise_index + 1)));
  }

  function offerEnd(end, pain) {
    $("hurt-end").hidden = !end;
    $("hurt-continue").className = end ? "secondary block" : "large block";
    endedEarly = end ? pain : null;
    (end ? $("hurt-end") : $("hurt-continue")).focus();
  }

  function endAfterHurt() {
    stoppedStep = null;
    $("pain_during-scale").disabled = false;
    complete();
  }

  function continueAfterHurt() {
    var step = stoppedStep;
    stoppedStep = null;
    endedEarly = null;
    $("pain_during-scale").disabled = false;
    document.querySelectorAll("#pain_during-scale [data-pain-value]").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    document.querySelector("input[name=pain_during]").value = "";
    current = firstStepOfExercise(step.exercise_index + 1);
    if (current >= steps.length) { return complete(); }
    pausedMs = steps[current].start_ms;
    run();
    focusTimer();
  }

  function complete() {
    running = false;
    keepAwake(false);
    if (timer) { window.clearInterval(timer); timer = null; }
    current = steps.length;
    $("after-title").textContent = endedEarly !== null ? T.ended_title : T.done_title;
    show("after");
    speak(endedEarly !== null ? T.ended_title : T.done);
  }

  function finish() {
    var pain = chosenPain("pain_after");
    if (pain === null) { status(T.choose_pain); return; }
    show("done");
    status(navigator.onLine ? "" : T.finished_offline);
    var list = $("decisions");
    list.textContent = "";
    var body = { pain_after: pain, effort: chosenPain("effort") };
    if (endedEarly !== null) { body.notes = fmt(T.ended_note, { n: endedEarly }); }
    post("session-" + ref() + ":finish", sessionUrl("/finish"), body, function (reply) {
      localStorage.removeItem(positionKey());
      showDecisions(reply ? reply.decisions : []);
      showNews(reply ? reply.messages : []);
    });
  }

  function showNews(messages) {
    var box = $("news");
    box.textContent = "";
    (messages || []).forEach(function (text) {
      var line = document.createElement("p");
      line.textContent = text;
      box.appendChild(line);
    });
    box.hidden = !box.childNodes.length;
  }

  function showDecisions(decisions) {
    var list = $("decisions");
    list.textContent = "";
    if (!decisions || !decisions.length) {
      var none = document.createElement("li");
      none.className = "card";
      none.textContent = T.no_decisions;
      list.appendChild(none);
      return;
    }
    decisions.forEach(function (decision) {
      var item = document.createElement("li");
      item.className = "card";
      var title = document.createElement("h3");
      title.textContent = decision.about + ": " + decision.kind.replace(/_/g, " ");
      var rule = document.createElement("span");
      rule.className = "rule";
      rule.textContent = decision.rule_id;
      var facts = document.createElement("p");
      facts.textContent = decision.facts + (decision.dose_after ? " → " + decision.dose_after : "");
      title.appendChild(document.createTextNode(" "));
      title.appendChild(rule);
      item.appendChild(title);
      item.appendChild(facts);
      list.appendChild(item);
    });
  }

  // ---- showing the step ----------------------------------------------------------------------------
  var shownExercise = -1;
  function render() {
    var step = steps[current];
    if (!step) { return; }
    var exercise = exerciseOf(step);
    var total = view.exercises.length;
    var at = running ? position() : pausedMs;
    var left = Math.max(0, step.start_ms + step.duration_ms - at);
    var parts = [fmt(T.exercise_of, { n: step.exercise_index + 1, total: total })];
    var sets = 0;
    steps.forEach(function (s) { if (s.exercise_index === step.exercise_index) { sets = Math.max(sets, s.set_number); } });
    if (step.set_number && sets > 1) { parts.push(fmt(T.set_of, { n: step.set_number, total: sets })); }
    if (step.side) { parts.push(fmt(T.side, { side: T[step.side] || step.side })); }
    $("progress").textContent = parts.join(" · ");
    if (shownExercise !== step.exercise_index) {
      shownExercise = step.exercise_index;
      $("exercise-name").textContent = exercise.name;
      $("figure").src = REDUCED_MOTION ? exercise.still_url : exercise.illustration_url;
      $("figure").alt = exercise.name;
    }
    $("countdown").textContent = String(Math.ceil(left / 1000));
    $("rep-count").textContent = step.rep ? fmt(T.rep_of, { n: step.rep, total: step.reps }) : exercise.dose;
    if ($("cue").textContent !== step.cue) { $("cue").textContent = step.cue; }
    $("bar").value = step.duration_ms ? Math.round(1000 * (1 - left / step.duration_ms)) : 0;
    var following = steps[current + 1];
    $("next").textContent = following
      ? fmt(T.next, { what: following.exercise_index !== step.exercise_index ? view.exercises[following.exercise_index].name : following.cue })
      : T.last;
  }

  // ---- ending early on purpose: asked first, then saved (pain after, finish) or ended as it is -------
  var runningBeforeEnd = false;
  function askEnd() {
    if (current >= steps.length || stoppedStep) { return; }
    runningBeforeEnd = running;
    pause();
    status("");
    $("end-done").textContent = fmt(T.end_done, { n: Object.keys(logged).length });
    $("running").hidden = true;
    $("end").hidden = false;
    $("end-keep").focus();
  }
  function keepGoing() {
    $("end").hidden = true;
    if (runningBeforeEnd) { run(); } else { show("running"); render(); }
    focusTimer();
  }
  function saveWhatWasDone() {
    $("end").hidden = true;
    complete();
    $("after").querySelector("h1").textContent = T.end_saved_title;
  }
  function endWithoutFinishing() {
    $("end").hidden = true;
    complete();
    show(null);
    $("ended").hidden = false;
    post("session-" + ref() + ":end", sessionUrl("/end"), {}, function () { localStorage.removeItem(positionKey()); });
  }

  // The timer takes the focus when a step shows (keys still work; nothing scrolls the exercise away).
  function focusTimer() {
    $("timer").focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }

  // ---- speech and wake lock --------------------------------------------------------------------------
  var speakBox = $("speak");
  speakBox.checked = localStorage.getItem("rehabit-speak") === "1";
  speakBox.addEventListener("change", function () {
    localStorage.setItem("rehabit-speak", speakBox.checked ? "1" : "0");
    if (!speakBox.checked && window.speechSynthesis) { window.speechSynthesis.cancel(); }
  });
  function speak(text) {
    if (!speakBox.checked || !window.speechSynthesis || speed > 4) { return; }
    try {
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
    } catch (e) { /* no voice available */ }
  }
  function keepAwake(on) {
    if (!("wakeLock" in navigator)) { return; }
    if (on && !wakeLock) {
      navigator.wakeLock.request("screen").then(function (lock) { wakeLock = lock; }).catch(function () {});
    } else if (!on && wakeLock) {
      wakeLock.release().catch(function () {});
      wakeLock = null;
    }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && running) { wakeLock = null; keepAwake(true); }
  });

  // ---- controls ------------------------------------------------------------------------------------
  $("pause").addEventListener("click", togglePause);
  $("skip").addEventListener("click", skip);
  $("back").addEventListener("click", back);
  $("hurts").addEventListener("click", hurts);
  $("hurt-save").addEventListener("click", saveHurt);
  $("hurt-continue").addEventListener("click", continueAfterHurt);
  $("hurt-end").addEventListener("click", endAfterHurt);
  $("rate-skip").addEventListener("click", function () { rate(null); });
  document.querySelector("input[name=pain_rating]").addEventListener("change", function (event) {
    if (event.target.value !== "") { rate(parseInt(event.target.value, 10)); }
  });
  $("finish").addEventListener("click", finish);
  $("end-session").addEventListener("click", askEnd);
  $("end-keep").addEventListener("click", keepGoing);
  $("end-save").addEventListener("click", saveWhatWasDone);
  $("end-stop").addEventListener("click", endWithoutFinishing);
  $("continue").addEventListener("click", function () { run(); focusTimer(); });
  document.addEventListener("keydown", function (event) {
    if (!$("rate").hidden && !event.altKey && !event.ctrlKey && !event.metaKey) {
      if (/^[0-9]$/.test(event.key)) { event.preventDefault(); rate(parseInt(event.key, 10)); }
      else if (event.key === "-") { event.preventDefault(); rate(null); }
      return;
    }
    if ($("running").hidden || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
    if (event.key === " " && tag !== "BUTTON") { event.preventDefault(); togglePause(); }
    else if (event.key === "ArrowLeft") { event.preventDefault(); back(); }
    else if (event.key === "ArrowRight") { event.preventDefault(); skip(); }
    else if (event.key === "h" || event.key === "H") { event.preventDefault(); hurts(); }
  });

  $("start").addEventListener("click", function () {
    var pain = chosenPain("pain_before");
    if (pain === null) { status(T.choose_pain); return; }
    var planned = params.get("planned");
    $("start").disabled = true;
    fetch("/api/sessions", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ planned_session_id: planned ? parseInt(planned, 10) : null, pain_before: pain, extra: extra })
    }).then(function (response) {
      return response.json().then(function (reply) {
        if (!response.ok) { throw new Error(reply.error || response.statusText); }
        load(reply);
        run();
        focusTimer();
      });
    }).catch(function (error) {
      if (navigator.onLine || !planned) {
        $("start").disabled = false;
        status(fmt(T.start_failed, { reason: error.message }));
        return;
      }
      startOffline(parseInt(planned, 10), pain);
    });
  });

  // Offline: run the planned session from the timeline the service worker kept; the start, every set
  // and the finish wait in the outbox, in order, and reach the server when the connection returns.
  function startOffline(planned, pain) {
    fetch("/api/planned-sessions/" + planned + "/player", { headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.statusText); }
        return response.json();
      })
      .then(function (reply) {
        localRef = "local-" + planned + "-" + Date.now();
        wasOffline = true;
        enqueue({
          key: "start-" + localRef,
          url: "/api/sessions",
          body: { planned_session_id: planned, pain_before: pain, extra: extra },
          resolves: localRef
        });
        load(reply);
        status(T.queued);
        run();
        focusTimer();
      })
      .catch(function () {
        $("start").disabled = false;
        status(T.start_offline);
      });
  }

  function open() {
    flush();
    if (sessionId === null && localRef && localStorage.getItem(LOCAL + localRef)) {
      sessionId = parseInt(localStorage.getItem(LOCAL + localRef), 10);  // its start has reached the server
    }
    if (sessionId === null && localRef) { openLocal(); return; }
    if (sessionId === null) { show("before"); return; }
    fetch("/api/sessions/" + sessionId, { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (reply) {
        load(reply);
        if (reply.session.status !== "in_progress" || current >= steps.length) {
          if (reply.session.status === "finished") { show("done"); showDecisions([]); } else { complete(); }
          return;
        }
        resumeOrRun();
      })
      .catch(function () { if (localRef) { openLocal(); } else { status(T.start_offline); } });
  }

  function openLocal() {
    sessionId = null;
    fetch("/api/planned-sessions/" + params.get("planned") + "/player", { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (reply) { load(reply); resumeOrRun(); })
      .catch(function () { status(T.start_offline); });
  }

  function resumeOrRun() {
    if (current >= steps.length) { complete(); return; }
    pausedMs = steps[current].start_ms;
    render();
    if (current > 0) {
      $("resume-text").textContent = T.resuming;
      show("resume");
      $("continue").focus();
    } else {
      run();
      focusTimer();
    }
  }
  open();
})();
