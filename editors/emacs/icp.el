;;; icp.el --- ICP files with the icp language server through eglot -*- lexical-binding: t; -*-

;; Load it (add the folder to `load-path' and `(require 'icp)'); eglot comes with Emacs 29,
;; or from GNU ELPA for Emacs 26.3 to 28. `icp' must be on PATH.

;;; Code:

(require 'yaml-mode nil t)

(if (fboundp 'yaml-mode)
    (define-derived-mode icp-yaml-mode yaml-mode "ICP"
      "Major mode for ICP files written in YAML.")
  (define-derived-mode icp-yaml-mode prog-mode "ICP"
    "Major mode for ICP files written in YAML (yaml-mode not installed)."
    (setq-local comment-start "# ")
    (setq-local indent-tabs-mode nil)))

(define-derived-mode icp-json-mode js-mode "ICP-JSON"
  "Major mode for ICP files written in JSON.")

(add-to-list 'auto-mode-alist '("\\.icp\\.ya?ml\\'" . icp-yaml-mode))
(add-to-list 'auto-mode-alist '("/icp\\.workspace\\.yaml\\'" . icp-yaml-mode))
(add-to-list 'auto-mode-alist '("\\.icp\\.json\\'" . icp-json-mode))

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '((icp-yaml-mode icp-json-mode) . ("icp" "lsp"))))

(defun icp--start-eglot ()
  "Start eglot for this buffer when eglot is installed."
  (when (fboundp 'eglot-ensure)
    (eglot-ensure)))

(add-hook 'icp-yaml-mode-hook #'icp--start-eglot)
(add-hook 'icp-json-mode-hook #'icp--start-eglot)

(provide 'icp)
;;; icp.el ends here
