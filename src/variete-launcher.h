/* variete-launcher.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Opens @file with another app: the desktop's "Open With" chooser (the OpenURI portal, asking)
 * when there is one, else the default app for its type. */
void     variete_launcher_open_with_async    (GtkWidget            *parent,
                                              GFile                *file,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean variete_launcher_open_with_finish   (GAsyncResult         *result,
                                              GError              **error);

/* Shows @file (not a folder) selected in the file manager (org.freedesktop.FileManager1), else
 * opens the folder it is in. */
void     variete_launcher_show_file_async    (GtkWidget            *parent,
                                              GFile                *file,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean variete_launcher_show_file_finish   (GAsyncResult         *result,
                                              GError              **error);

/* Opens @folder in the default app for folders. */
void     variete_launcher_open_folder_async  (GtkWidget            *parent,
                                              GFile                *folder,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean variete_launcher_open_folder_finish (GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
