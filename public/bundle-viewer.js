// The viewer script of an exported bundle (copied into it as viewer/viewer.js). It opens each image's
// info.json from wherever the folder is served, so the bundle can be checked before it is published.
/* global OpenSeadragon */
(function () {
  'use strict';
  var viewer = OpenSeadragon({ id: 'viewer', prefixUrl: 'viewer/images/', showNavigationControl: false });
  var buttons = Array.prototype.slice.call(document.querySelectorAll('button[data-image]'));

  function open(button) {
    var id = button.getAttribute('data-image');
    buttons.forEach(function (b) {
      b.setAttribute('aria-current', String(b === button));
    });
    fetch(id + '/info.json')
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + ' for ' + id + '/info.json');
        return response.json();
      })
      .then(function (info) {
        // The id names the public host; tiles are read from beside this page instead.
        info.id = new URL(id, window.location.href).href;
        viewer.open(info);
      })
      .catch(function (error) {
        document.getElementById('viewer').textContent = String(error);
      });
  }

  buttons.forEach(function (button) {
    button.addEventListener('click', function () {
      open(button);
    });
  });
  if (buttons.length) open(buttons[0]);
})();
