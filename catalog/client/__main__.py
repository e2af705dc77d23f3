from catalog.client.cli import main

raise SystemExit(main())
