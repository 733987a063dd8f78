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

;; yaml-mode derives from text-mode, where C-M-i is `ispell-complete-word' (eglot users got
;; "lookup-words error"): in ICP files it completes from the server.
(define-key icp-yaml-mode-map (kbd "C-M-i") #'completion-at-point)

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
      :initialization-options (lambda () icp-settings)
      ;; lsp-mode 8 neither opens documents (`window/showDocument') nor shows a command's
      ;; result, so the lenses "381 accounts" and "695 won outside" did nothing: these run the
      ;; command and show the markdown it answers.
      :action-handlers (let ((handlers (make-hash-table :test 'equal)))
                         (puthash "icp.accounts" #'icp--lsp-mode-show handlers)
                         (puthash "icp.explain" #'icp--lsp-mode-show handlers)
                         handlers)))))

(declare-function lsp-request "lsp-mode")
(declare-function lsp--buffer-uri "lsp-mode")
(declare-function lsp-get "lsp-protocol")
(declare-function lsp:command-command "lsp-protocol")
(declare-function lsp:command-arguments? "lsp-protocol")
(declare-function eglot--current-server-or-lose "eglot")
(declare-function eglot--path-to-uri "eglot")
(declare-function eglot-execute-command "eglot")

(defun icp--show-document (title markdown)
  "Show MARKDOWN, a document from the server, in a buffer named after TITLE."
  (let ((buffer (get-buffer-create (format "*icp: %s*" title))))
    (with-current-buffer buffer
      (let ((inhibit-read-only t))
        (erase-buffer)
        (insert (or markdown ""))
        (goto-char (point-min)))
      (cond ((fboundp 'gfm-view-mode) (gfm-view-mode))
            ((fboundp 'markdown-mode) (markdown-mode))
            (t (text-mode)))
      (setq buffer-read-only t))
    (display-buffer buffer)
    buffer))

(defun icp--lsp-mode-run (command arguments)
  "Run server COMMAND with ARGUMENTS (a vector) in lsp-mode; show its document."
  (let ((result (lsp-request "workspace/executeCommand" (list :command command :arguments arguments))))
    (icp--show-document (or (and result (lsp-get result :title)) "icp")
                        (and result (lsp-get result :markdown)))))

(defun icp--lsp-mode-show (action)
  "Handle ACTION, an `icp.accounts' or `icp.explain' command, in lsp-mode."
  (icp--lsp-mode-run (lsp:command-command action) (lsp:command-arguments? action)))

(defun icp--run-document-command (command &rest arguments)
  "Run server COMMAND on this file with ARGUMENTS; show the document it answers."
  (pcase (icp--client)
    ('lsp-mode
     (icp--lsp-mode-run command (vconcat (list (lsp--buffer-uri)) arguments)))
    ('eglot
     (let ((result (eglot-execute-command (eglot--current-server-or-lose) command
                                          (vconcat (list (eglot--path-to-uri buffer-file-name)) arguments))))
       (icp--show-document (or (plist-get result :title) "icp") (plist-get result :markdown))))
    (_ (user-error "No LSP client runs in this buffer (see `icp-lsp-client')"))))

(defun icp-accounts (kind)
  "List the accounts of this ICP: KIND is qualified, misses or won-outside."
  (interactive (list (completing-read "Accounts: " '("qualified" "misses" "won-outside") nil t nil nil "qualified")))
  (icp--run-document-command "icp.accounts" kind))

(defun icp-explain (account)
  "Say why ACCOUNT (a key or a name) does or does not qualify for this ICP."
  (interactive "sAccount key or name: ")
  (icp--run-document-command "icp.explain" account))

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
