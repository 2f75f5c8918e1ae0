from rehabit.cli import main

main()
