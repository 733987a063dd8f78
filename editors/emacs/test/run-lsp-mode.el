;;; run-lsp-mode.el --- Headless end-to-end test of icp.el through lsp-mode  -*- lexical-binding: t; -*-

;; ICP_BINARY=.build/debug/icp emacs --batch -l editors/emacs/test/run-lsp-mode.el FILE
;;
;; Opens FILE (an ICP on the built-in sample) with icp.el set to lsp-mode, as a user of lsp-mode
;; would, and checks what that user sees: one server (lsp-mode's, not eglot as well), the
;; diagnostics of a typo, the hover's first line (what lsp-mode's eldoc shows) saying why there are no figures yet,
;; a quick fix and completion. Prints one line per check and exits 0 when all pass, 1 otherwise.

;;; Code:

(require 'package)
(package-initialize)                    ; Debian's elpa-lsp-mode lives in the system package folder
(require 'lsp-mode)
(require 'lsp-lens)
(add-to-list 'load-path (expand-file-name ".." (file-name-directory load-file-name)))
(require 'icp)

(load (expand-file-name "checks.el" (file-name-directory load-file-name)) nil t)

(defun icp-test-finish ()
  (ignore-errors (lsp-workspace-shutdown (car (lsp-workspaces))))
  (icp-test-exit "emacs lsp-mode"))

(let* ((binary (or (getenv "ICP_BINARY") "icp"))
       (fixture (car command-line-args-left))
       (folder (make-temp-file "icp-lsp-mode-" t))
       (file (expand-file-name (file-name-nondirectory fixture) folder)))
  ;; A user's lsp-mode settings, kept out of their home: no prompts, no file watchers.
  (setq lsp-session-file (expand-file-name "lsp-session" folder)
        lsp-auto-guess-root t
        lsp-enable-file-watchers nil
        lsp-restart 'ignore
        lsp-enable-snippet nil
        lsp-headerline-breadcrumb-enable nil
        lsp-modeline-code-actions-enable nil
        lsp-modeline-diagnostics-enable nil
        lsp-diagnostics-provider :flymake)
  (setq icp-program (expand-file-name binary)
        icp-lsp-client 'lsp-mode)
  (with-temp-file file
    (insert-file-contents fixture)
    (goto-char (point-min))
    (re-search-forward "mode: filter")
    (replace-match "mode: fitler"))
  (find-file file)
  (icp-test-check "icp-yaml-mode from the file name" (eq major-mode 'icp-yaml-mode) major-mode)
  ;; lsp-deferred (from icp.el's mode hook) starts once Emacs is idle: batch mode never is, so
  ;; run the idle timers as the command loop would.
  (dolist (timer (copy-sequence timer-idle-list)) (timer-event-handler timer))
  (icp-test-check "icp.el started lsp-mode on icp lsp"
                  (icp-test-wait (lambda () (and (bound-and-true-p lsp-mode) (lsp-workspaces)
                                                 (eq (lsp--workspace-status (car (lsp-workspaces))) 'initialized)))
                                 30)
                  (list (bound-and-true-p lsp-mode) (lsp-workspaces)))
  (unless (lsp-workspaces) (icp-test-finish))
  (icp-test-check "one server: icp's, and not eglot as well"
                  (and (equal (mapcar (lambda (workspace) (lsp--client-server-id (lsp--workspace-client workspace))) (lsp-workspaces)) '(icp))
                       (not (bound-and-true-p eglot--managed-mode)))
                  (mapcar (lambda (workspace) (lsp--client-server-id (lsp--workspace-client workspace))) (lsp-workspaces)))
  (let ((diagnostics (icp-test-wait (lambda () (gethash (lsp--fix-path-casing buffer-file-name) (lsp-diagnostics t))) 30)))
    (icp-test-check "the typo is a diagnostic with its did-you-mean"
                    (cl-some (lambda (d) (string-match-p "did you mean `filter`" (lsp:diagnostic-message d))) diagnostics)
                    (mapcar #'lsp:diagnostic-message diagnostics)))
  ;; Hover on the ICP code: lsp-mode's eldoc shows the first line only.
  (goto-char (point-min))
  (re-search-forward "^icp: ")
  (let* ((hover (lsp-request "textDocument/hover" (lsp--text-document-position-params)))
         (contents (and hover (lsp:hover-contents hover)))
         (text (cond ((null contents) "")
                     ((stringp contents) contents)
                     ((lsp-markup-content? contents) (lsp:markup-content-value contents))
                     (t (format "%S" contents))))
         (first-line (car (split-string text "\n"))))
    ;; A file with an error has no figures (architecture.md's gate): the first line says so.
    (icp-test-check "the hover's first line says why no records are counted yet"
                    (string-match-p "^No records counted yet: this file has 1 error" first-line) first-line))
  ;; The quick fix for the typo, as `M-x lsp-execute-code-action' would list it.
  (goto-char (point-min))
  (re-search-forward "mode: fitler")
  (let* ((range (list :start (lsp-point-to-position (- (point) (length "fitler")))
                      :end (lsp-point-to-position (point))))
         (actions (lsp-request "textDocument/codeAction"
                               (list :textDocument (lsp--text-document-identifier) :range range
                                     :context (list :diagnostics []))))
         (titles (mapcar #'lsp:code-action-title actions)))
    (icp-test-check "a quick fix replaces the typo" (member "Replace `fitler` with `filter`" titles) titles))
  ;; Completion of `mode' values through lsp-mode's completion-at-point.
  (goto-char (point-min))
  (re-search-forward "mode: fitler")
  (delete-region (- (point) (length "fitler")) (point))
  (let* ((capf (lsp-completion-at-point))
         (candidates (and capf (all-completions "" (nth 2 capf)))))
    (icp-test-check "completion offers filter, score and exclude"
                    (and (member "filter" candidates) (member "score" candidates) (member "exclude" candidates))
                    candidates))
  ;; The key a user presses for completion in an ICP file.
  (icp-test-check "C-M-i completes from the server, not ispell"
                  (eq (key-binding (kbd "C-M-i")) 'completion-at-point) (key-binding (kbd "C-M-i")))
  ;; Clicking the lens "N won outside": lsp-mode 8 neither opens documents nor shows results,
  ;; so icp.el's action handler runs the command and shows the markdown.
  (insert "filter")
  (let* ((lenses (icp-test-wait (lambda () (let ((found (lsp-request "textDocument/codeLens" (list :textDocument (lsp--text-document-identifier)))))
                                             (and (seq-some (lambda (lens) (string-match-p "won outside" (lsp:command-title (lsp:code-lens-command? lens)))) found) found)))
                                30))
         (outside (seq-find (lambda (lens) (string-match-p "won outside" (lsp:command-title (lsp:code-lens-command? lens)))) lenses)))
    (icp-test-check "a lens says how many won accounts are outside" outside (mapcar (lambda (lens) (lsp:command-title (lsp:code-lens-command? lens))) lenses))
    (when outside
      (funcall (lsp-lens--create-interactive-command (lsp:code-lens-command? outside)))
      (let ((shown (seq-find (lambda (buffer) (string-prefix-p "*icp: " (buffer-name buffer))) (buffer-list))))
        (icp-test-check "clicking it shows the won accounts outside, each with why"
                        (and shown (with-current-buffer shown (string-match-p "were won and do not qualify" (buffer-string))))
                        (and shown (with-current-buffer shown (buffer-substring-no-properties (point-min) (min (point-max) 300))))))))
  (icp-test-finish))

;;; run-lsp-mode.el ends here
