from mes_tui.cli.main import main

raise SystemExit(main())
