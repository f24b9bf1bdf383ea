// MathJax 4's configuration on the course website, added to the one myst-parser writes before it.
// conf.py loads this file after that one (priority 501) and before MathJax itself (deferred).
(() => {
  let typesetterReady;
  const ready = new Promise((resolve) => { typesetterReady = resolve; });
  // The widget renderer typesets a widget's label with MathJax 2's MathJax.Hub.Queue(["Typeset",
  // MathJax.Hub, element]); MathJax 4 has no Hub, so it gets one that calls typesetPromise.
  const Hub = {
    Queue: (...calls) => {
      for (const [, , element] of calls) {
        ready.then(() => MathJax.typesetPromise([element]));
      }
    },
  };
  window.MathJax = Object.assign(window.MathJax || {}, {
    Hub,
    // Served by the site itself; MathJax 4 would fetch its fonts from a CDN.
    loader: { paths: { fonts: "[mathjax]/fonts" } },
    startup: {
      ready() {
        MathJax.startup.defaultReady();
        MathJax.Hub = Hub;
        MathJax.startup.promise.then(typesetterReady);
      },
    },
  });
})();
