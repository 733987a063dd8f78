;;; icp.el --- ICP files with the icp language server through eglot or lsp-mode -*- lexical-binding: t; -*-

;; Load it (add the folder to `load-path' and `(require 'icp)'). The server runs through eglot
;; (built into Emacs 29, from GNU ELPA for Emacs 26.3 to 28) or lsp-mode, as
;; `icp-lsp-client' says: one of them, never both. `icp' must be on PATH (or set `icp-program').

;;; Code:

(require 'yaml-mode nil t)

(defgroup icp nil
  "Ideal Customer Profile files and the icp language server."
  :group 'languages
  :prefix "icp-")

(defcustom icp-program "icp"
  "The icp executable: a name on PATH or a full path."
  :type 'string)

(defcustom icp-lsp-client 'auto
  "Which LSP client starts `icp lsp' in ICP buffers.
`eglot' or `lsp-mode'; `auto' picks lsp-mode when it is installed, else eglot when it is
installed; nil starts neither (start one yourself)."
  :type '(choice (const :tag "lsp-mode when installed, else eglot" auto)
                 (const :tag "eglot" eglot)
                 (const :tag "lsp-mode" lsp-mode)
                 (const :tag "none" nil)))

(defcustom icp-settings '(:icp (:allowOutsideWorkspace :json-false :cache t))
  "Settings sent to the server as initializationOptions (dataset paths outside the workspace, the data cache)."
  :type 'sexp)

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

(defun icp--command (&rest _)
  "The command that starts the server."
  (list icp-program "lsp"))

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs `((icp-yaml-mode icp-json-mode) . icp--command)))

(with-eval-after-load 'lsp-mode
  (defvar lsp-language-id-configuration)
  (add-to-list 'lsp-language-id-configuration '(icp-yaml-mode . "yaml"))
  (add-to-list 'lsp-language-id-configuration '(icp-json-mode . "json"))
  (when (fboundp 'lsp-register-client)
    (lsp-register-client
     (make-lsp-client
      :new-connection (lsp-stdio-connection #'icp--command)
      :major-modes '(icp-yaml-mode icp-json-mode)
      :server-id 'icp
      ;; Ahead of yaml-language-server and the JSON server, which also claim these modes' languages.
      :priority 10
      :initialization-options (lambda () icp-settings)))))

(defun icp--client ()
  "The client `icp-lsp-client' chooses for this buffer, or nil."
  (pcase icp-lsp-client
    ('auto (cond ((fboundp 'lsp-deferred) 'lsp-mode)
                 ((fboundp 'eglot-ensure) 'eglot)))
    ('eglot (and (fboundp 'eglot-ensure) 'eglot))
    ('lsp-mode (and (fboundp 'lsp-deferred) 'lsp-mode))))

(defun icp--start ()
  "Start the chosen client in this buffer."
  (pcase (icp--client)
    ('eglot (eglot-ensure))
    ('lsp-mode (lsp-deferred))))

(add-hook 'icp-yaml-mode-hook #'icp--start)
(add-hook 'icp-json-mode-hook #'icp--start)

(provide 'icp)
;;; icp.el ends here
